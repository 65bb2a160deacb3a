using System.Numerics;
using ScalingAdvisor.Fitting;

namespace ScalingAdvisor.Tests.Fitting;

public class SinglePrecisionExpTests
{
    // Cephes expf.c (Moshier) quotes a peak relative error of 1.7e-7 over ±88 for this reduction and polynomial; float's
    // own rounding of the result adds up to 6e-8, so 2.5e-7 against the double-precision exponential of the same input.
    [Fact]
    public void Cephes_expf_is_within_its_published_error_of_the_double_precision_exponential_over_the_float_range()
    {
        double worst = 0;
        var inputs = new float[Vector<float>.Count];
        var outputs = new float[Vector<float>.Count];
        for (int k = 0; k < 200_000; k += inputs.Length)
        {
            for (int lane = 0; lane < inputs.Length; lane++)
            {
                inputs[lane] = -87.3f + (175.6f * (k + lane) / 200_000);
            }

            SinglePrecisionExp.Exp(new Vector<float>(inputs)).CopyTo(outputs);
            for (int lane = 0; lane < inputs.Length; lane++)
            {
                double exact = Math.Exp(inputs[lane]);
                worst = Math.Max(worst, Math.Abs(outputs[lane] - exact) / exact);
            }
        }

        worst.Should().BeLessThan(2.5e-7);
    }

    [Fact]
    public void Cephes_expf_is_exact_at_zero_zero_below_the_smallest_normal_result_and_NaN_for_NaN()
    {
        var inputs = new float[Vector<float>.Count];
        Array.Fill(inputs, 0f);
        inputs[1] = -88f;
        inputs[2] = float.NegativeInfinity;
        inputs[3] = float.NaN;
        var outputs = new float[inputs.Length];

        SinglePrecisionExp.Exp(new Vector<float>(inputs)).CopyTo(outputs);

        outputs[0].Should().Be(1f);
        outputs[1].Should().Be(0f);
        outputs[2].Should().Be(0f);
        float.IsNaN(outputs[3]).Should().BeTrue();
    }
}
