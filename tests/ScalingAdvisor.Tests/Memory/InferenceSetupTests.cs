using ScalingAdvisor.Compute;
using ScalingAdvisor.Memory;

namespace ScalingAdvisor.Tests.Memory;

/// <summary>The typical context a throughput estimate assumes when none is given (issue 13).</summary>
public class InferenceSetupTests
{
    [Fact]
    public void The_typical_context_is_the_training_length_capped_by_the_window()
    {
        InferenceSetup.TypicalContextLength.Should().Be(TrainingDefaults.SequenceLength);
        InferenceSetup.TypicalContextFor(131072).Should().Be(4096, "Llama 3.1's 128k window is a maximum, not a typical request");
        InferenceSetup.TypicalContextFor(1024).Should().Be(1024, "GPT-2's window is shorter");
    }

    [Fact]
    public void A_window_below_one_is_refused_naming_it()
        => FluentActions.Invoking(() => InferenceSetup.TypicalContextFor(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("contextWindow");
}
