using ScalingAdvisor.Hardware;
using ScalingAdvisor.Models;
using ScalingAdvisor.Serving;

namespace ScalingAdvisor.Tests.Serving;

/// <summary>
/// The serving model against LLM-Viewer (hahnyuan/LLM-Viewer, <c>model_analyzer.py</c>, <c>ModelAnalyzer.analyze</c>, with
/// <c>configs/Llama.py</c>'s linear layers q/k/v/out/gate/up/down and <c>use_flashattention=False</c>, its default) on the
/// same configurations and the same efficiency assumptions: every op at the full peak and bandwidth (LLM-Viewer's
/// <c>roofline_analyze</c> takes time = max(OPs ÷ max_OPS, bytes ÷ bandwidth) per op), so this model runs at MFU 1 and
/// bandwidth utilisation 1. The peer's numbers are derived here from its formulas (<see cref="LlmViewer"/>, one line per
/// op of <c>analyze</c>), for the same shapes and the same device peaks (this catalog's), and must agree within 10% on
/// TTFT (its prefill total at seqlen P), TPOT (its decode total at seqlen P + O/2, our mean decode context) and memory
/// (its <c>memory_consumption_weight</c> + <c>memory_consumption_kv_cache</c> at seqlen P + O against our weights + KV cache).
/// Expected differences, all inside the bound: LLM-Viewer leaves out the embedding and the LM head (3.9% of Llama 2 7B's
/// weights; 13% of Llama 3 8B's, whose 128k vocabulary is why it is not among these), counts the activations each op reads
/// and writes, and stores the P×P attention scores to memory in prefill (13.5% more TTFT than ours for Llama 2 13B at
/// P = 1024, B = 8, so the prompts here are 512 or shorter at batches above 4).
/// Tensor parallelism and mixture of experts, which LLM-Viewer's <c>analyze</c> does not model, are compared with
/// llm-analysis in <see cref="TensorParallelPeerTests"/>; published measured numbers in <see cref="PublishedServingNumbersTests"/>.
/// </summary>
public class PeerCalculatorTests
{
    private static readonly InferenceEfficiency Peak = new(mfu: 1, bandwidthUtilisation: 1);

    public static TheoryData<string, string, int, int, int, int> Configurations() => new()
    {
        // preset, hardware, prompt P, output O, batch B, weight bits
        { "llama-2-7b", "a100-80gb", 512, 128, 1, 16 },
        { "llama-2-7b", "a100-80gb", 512, 128, 16, 16 },
        { "llama-2-13b", "h100-sxm", 512, 256, 8, 16 },
        { "llama-2-13b", "a100-80gb", 256, 256, 64, 16 },
        { "mistral-7b", "h100-sxm", 512, 512, 32, 16 },
        { "llama-2-70b", "h200", 512, 128, 1, 16 },
        { "llama-2-70b", "b200", 1024, 128, 4, 16 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void TTFT_TPOT_and_memory_agree_with_LLM_Viewer_within_10_percent(string preset, string hardware, int prompt, int output, int batch, int bits)
    {
        var shape = ModelCatalog.BuiltIn.Get(preset).Shape;
        var device = AcceleratorCatalog.BuiltIn.Get(hardware);
        var ours = ServingEstimator.Estimate(ServedModel.Of(shape), device, new ServingSetup(prompt, output, batch, weightBits: bits) { Efficiency = Peak });

        double peak = device.DensePeak(Precision.Bf16).FlopsPerSecond, bandwidth = device.MemoryBandwidth.BytesPerSecond;
        var prefill = LlmViewer.Analyze(shape, prompt, batch, bits, peak, bandwidth, prefill: true);
        var decode = LlmViewer.Analyze(shape, prompt + (output / 2), batch, bits, peak, bandwidth, prefill: false);
        var footprint = LlmViewer.Analyze(shape, prompt + output, batch, bits, peak, bandwidth, prefill: true);

        ours.TimeToFirstToken.TotalSeconds.Should().BeApproximately(prefill.Seconds, 0.10 * prefill.Seconds, "TTFT");
        ours.TimePerOutputToken.TotalSeconds.Should().BeApproximately(decode.Seconds, 0.10 * decode.Seconds, "TPOT");
        double memory = ours.WeightBytes.Bytes + (ours.KeyValueBytesPerSequence.Bytes * batch);
        memory.Should().BeApproximately(footprint.WeightBytes + footprint.KvCacheBytes, 0.10 * (footprint.WeightBytes + footprint.KvCacheBytes), "memory");
    }

    /// <summary>LLM-Viewer's <c>ModelAnalyzer.analyze</c> (model_analyzer.py) for a Llama-family shape, 16-bit activations.</summary>
    private static class LlmViewer
    {
        public static (double Seconds, double WeightBytes, double KvCacheBytes) Analyze(
            TransformerShape shape, int seqlen, int batch, int wBits, double maxOps, double bandwidth, bool prefill)
        {
            double w = wBits / 8.0, a = 2, kv = 2;
            double d = shape.ModelWidth, f = shape.FeedForwardWidth, heads = shape.Heads, kvHeads = shape.KeyValueHeads, dh = d / heads;
            double s = seqlen, b = batch, t = prefill ? s * b : b; // tokens through the linear layers
            double seconds = 0, weights = 0, cache = 0;
            void Op(double ops, double bytes) => seconds += Math.Max(ops / maxOps, bytes / bandwidth);

            // configs/Llama.py get_linear_layers: [in, out] per projection.
            (string Name, double In, double Out)[] linear =
            [
                ("q", d, d), ("k", d, d * kvHeads / heads), ("v", d, d * kvHeads / heads), ("o", d, d),
                ("gate", d, f), ("up", d, f), ("down", f, d),
            ];
            foreach (var (name, ic, oc) in linear)
            {
                bool isKv = name is "k" or "v";
                Op(ic * oc * t * 2, (ic * oc * w) + (ic * t * a) + (isKv ? oc * t * kv : oc * t * a));
                weights += ic * oc * w;
                cache += isKv ? oc * t * kv : 0;
            }

            if (prefill)
            {
                Op(s * s * dh * heads * b * 2, (s * s * b * heads * a) + (s * dh * b * kvHeads * 2 * kv)); // qk_matmul
                Op(s * dh * s * heads * b * 2, (s * s * b * heads * a) + (s * dh * b * heads * a) + (s * dh * b * kvHeads * kv)); // sv_matmul
                Op(b * heads * s * s * 5, 2 * b * heads * s * s * a); // softmax
            }
            else
            {
                Op(s * dh * heads * b * 2, (dh * b * heads * a) + (s * b * heads * a) + (s * dh * b * kvHeads * kv)); // qk_matmul
                Op(dh * s * heads * b * 2, (s * b * heads * a) + (dh * b * heads * a) + (s * dh * b * kvHeads * kv)); // sv_matmul
                Op(b * heads * s * 5, 2 * b * heads * s * a); // softmax
            }

            for (int i = 0; i < 2; i++)
            {
                Op(t * d * 7, 2 * t * d * a); // attn_norm, mlp_norm
                Op(t * d, 2 * t * d * a); // attn_add, mlp_add
            }

            Op(t * d * 2, 3 * t * d * a); // mlp_act
            double layers = shape.Layers;
            return (seconds * layers, weights * layers, cache * layers);
        }
    }
}
