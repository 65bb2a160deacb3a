using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Memory;

/// <summary>
/// Memory of the frozen base weights of LoRA and QLoRA: the linear layers' weight matrices at 16, 8 or 4 bits with
/// their quantisation scales, everything else (token embedding, unembedding, norms, biases, routers, position table) at
/// 16 bits, as bitsandbytes leaves them.
/// </summary>
public static class QuantizedBaseWeights
{
    /// <summary>How <see cref="Bytes"/> stores the base weights at <paramref name="baseWeightBits"/>, in words, for reports.</summary>
    /// <param name="baseWeightBits">16, 8 or 4.</param>
    /// <param name="trained">True when the 16-bit weights are trained (full fine-tuning), false when frozen.</param>
    /// <returns>The description with its source.</returns>
    public static string Describe(int baseWeightBits, bool trained) => baseWeightBits switch
    {
        4 => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"linear-layer weights in NF4 with double-quantised block scales, {Nf4BitsPerWeight:0.###} bits each (Dettmers et al. 2023 §3); embeddings, norms and output head 16-bit"),
        8 => "linear-layer weights in int8 with one fp32 scale per output row (LLM.int8(), Dettmers et al. 2022 §3.1, vector-wise quantisation); embeddings, norms and output head 16-bit",
        _ => trained ? "trained, 16-bit working copy" : "frozen, 16-bit",
    };

    /// <summary>Block size of the 4-bit NormalFloat weights: one scale per 64 weights (Dettmers et al. 2023, QLoRA §3).</summary>
    public const int Nf4BlockSize = 64;

    /// <summary>Block size of the second quantisation of the 4-bit scales: one fp32 scale per 256 fp8 scales (QLoRA §3).</summary>
    public const int Nf4ScaleBlockSize = 256;

    /// <summary>
    /// Bits per 4-bit weight with double quantisation: 4 + 8/64 + 32/(64·256) = 4.127 (QLoRA §3, "Double Quantization":
    /// the scales cost 8/64 + 32/(64·256) = 0.127 bits per parameter instead of 32/64 = 0.5 without it).
    /// </summary>
    public const double Nf4BitsPerWeight = 4 + (8.0 / Nf4BlockSize) + (32.0 / (Nf4BlockSize * Nf4ScaleBlockSize));

    /// <summary>
    /// The weights of the linear layers, the part a quantised base stores in 4 or 8 bits: attention projections and
    /// every expert's feed-forward matrices, biases excluded (the same matrices <see cref="ParameterCounter"/> counts).
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count overflows.</exception>
    public static ParameterCount LinearWeights(TransformerShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Checked(shape, () =>
        {
            long weights = 0;
            foreach (var layer in LinearLayers.Of(shape))
            {
                weights = checked(weights + (layer.WeightsPerMatrix * layer.Count));
            }

            return ParameterCount.FromCount(weights);
        });
    }

    /// <summary>
    /// Bytes of the whole frozen model, unsharded. The linear layers' weights at <paramref name="baseWeightBits"/>:
    /// 16 bits; 8 bits plus one fp32 scale per output row (LLM.int8(), Dettmers et al. 2022, §3.1 vector-wise
    /// quantisation: 8·d_in·d_out + 32·d_out bits per matrix); 4 bits as NF4 with double-quantised block scales,
    /// <see cref="Nf4BitsPerWeight"/> per weight (QLoRA §3). Every other parameter at 16 bits (bitsandbytes quantises
    /// only the linear layers and leaves the output head unquantised). Partial blocks are not rounded up.
    /// </summary>
    /// <param name="shape">The model.</param>
    /// <param name="baseWeightBits">16, 8 or 4.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentException">The shape is inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The bits are not 16, 8 or 4, or a count overflows.</exception>
    public static ByteSize Bytes(TransformerShape shape, int baseWeightBits)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (baseWeightBits is not (16 or 8 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(baseWeightBits), baseWeightBits, $"baseWeightBits should be 16, 8 or 4 but was {baseWeightBits}.");
        }

        double total = ParameterCounter.Count(shape).Total.Count;
        double linear = LinearWeights(shape).Count;
        double linearBits = baseWeightBits switch
        {
            4 => linear * Nf4BitsPerWeight,
            8 => (linear * 8) + RowScales(shape) * 32,
            _ => linear * 16,
        };
        return ByteSize.FromBits(Preconditions.FiniteResult(linearBits + ((total - linear) * 16), nameof(shape), total));
    }

    // LLM.int8() keeps one fp32 constant per output row of each weight matrix: d_out per matrix.
    private static double RowScales(TransformerShape shape)
        => LinearLayers.Of(shape).Sum(layer => (double)layer.OutputWidth * layer.Count);

    private static T Checked<T>(TransformerShape shape, Func<T> count)
    {
        try
        {
            return count();
        }
        catch (OverflowException ex)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "A weight count of this shape overflows a 64-bit integer: " + ex.Message);
        }
    }
}
