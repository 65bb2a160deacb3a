using ScalingAdvisor.Models;
using ScalingAdvisor.Units;

namespace ScalingAdvisor.Tests.Models;

public class NominalShapeTests
{
    [Fact]
    public void Gpt3_175b_recovers_its_width_and_depth_within_half_a_percent()
    {
        // Brown et al. 2020 Table 2.1: GPT-3 175B has d = 12288 and L = 96. d = (128·175e9/12)^(1/3) = 12311 (+0.19%),
        // L = d/128 = 96.2 (+0.19%).
        var shape = NominalShape.For(ParameterCount.FromBillions(175));
        shape.ModelWidth.Should().BeApproximately(12288, 0.005 * 12288);
        shape.Layers.Should().BeApproximately(96, 0.005 * 96);
    }

    [Fact]
    public void The_nominal_shape_has_about_the_parameters_it_was_made_from()
    {
        // 12·L·d² = N by construction (Kaplan et al. 2020 §2.1); the rounded shape adds embeddings and rounding.
        var nominal = NominalShape.For(ParameterCount.FromBillions(70));
        (12 * nominal.Layers * nominal.ModelWidth * nominal.ModelWidth).Should().BeApproximately(70e9, 1e-6 * 70e9);
        var rounded = nominal.ToShape(contextLength: 4096);
        ParameterCounter.Count(rounded).Total.Count.Should().BeApproximately(70e9, 0.05 * 70e9);
        rounded.ModelWidth.Should().Be(rounded.Heads * 128);
    }

    [Theory]
    [InlineData(0, 128)]
    [InlineData(1e9, 0)]
    [InlineData(1e9, -1)]
    public void Non_positive_inputs_are_rejected(double parameters, double aspectRatio)
    {
        var act = () => NominalShape.For(ParameterCount.FromCount(parameters), aspectRatio);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
