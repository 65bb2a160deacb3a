using System.CommandLine;
using System.Globalization;
using ScalingAdvisor.Advice;
using ScalingAdvisor.Cli.Infrastructure;
using ScalingAdvisor.Cli.Options;
using ScalingAdvisor.Units;
using ScalingAdvisor.Compute;
using ScalingAdvisor.Fitting;
using ScalingAdvisor.Footprint;
using ScalingAdvisor.Performance;
using ScalingAdvisor.Serving;

namespace ScalingAdvisor.Cli.Tests.Infrastructure;

/// <summary>
/// Issue 13: one default per concept, held in the library. These tests walk every option of every command, so a new
/// option that writes its own default (or a changed library default the CLI does not follow) fails here.
/// </summary>
public class OptionDefaultsTests
{
    private static IEnumerable<(string Command, Option Option)> AllOptions()
    {
        var pending = new Stack<(string, Command)>();
        pending.Push(("scaling-advisor", CommandRegistry.CreateRoot()));
        while (pending.Count > 0)
        {
            var (path, command) = pending.Pop();
            foreach (var option in command.Options)
            {
                yield return (path, option);
            }

            foreach (var sub in command.Subcommands)
            {
                pending.Push(($"{path} {sub.Name}", sub));
            }
        }
    }

    private static string DefaultText(Option option)
        => Convert.ToString(option.GetDefaultValue(), CultureInfo.InvariantCulture)!;

    [Fact]
    public void An_option_with_a_default_value_does_not_also_write_a_default_in_its_description()
    {
        // System.CommandLine prints "[default: X]" from the value itself; a second, hand-written default drifts.
        var offenders = AllOptions()
            .Where(o => o.Option.HasDefaultValue && o.Option.Description is { } d && WritesItsDefault(d, DefaultText(o.Option)))
            .Select(o => $"{o.Command} {o.Option.Name}: {o.Option.Description}")
            .ToList();
        offenders.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Sequences per micro-batch (default 1).", "1", true)]
    [InlineData("Precision: bf16 or fp8 (default bf16).", "bf16", true)]
    [InlineData("Smallest budget (default 1e18).", "1E+18", true)]
    [InlineData("Shape: gated feed-forward (default: plain, 2·d·f).", "False", false)]
    [InlineData("Sequences per micro-batch.", "1", false)]
    public void The_drift_check_spots_a_hand_written_default(string description, string defaultText, bool writes)
        => WritesItsDefault(description, defaultText).Should().Be(writes);

    // "default 16", "default: 0.4", "(default bf16)": a number, or the option's own default value, after the word.
    private static bool WritesItsDefault(string description, string defaultText)
        => System.Text.RegularExpressions.Regex.Matches(description, @"default:?\s+([^).;]+)")
            .Any(m => char.IsDigit(m.Groups[1].Value[0]) || m.Groups[1].Value.Contains(defaultText, StringComparison.OrdinalIgnoreCase));

    public static TheoryData<string, string> LibraryDefaults() => new()
    {
        // GPUs: one rule everywhere, the library's cluster size.
        { "--gpus", TrainingDefaults.Devices.ToString(CultureInfo.InvariantCulture) },
        { "--recompute", TrainingDefaults.Recomputation.ToString() },
        { "--flash-attention", TrainingDefaults.FlashAttention.ToString() },
        { "--ep-overlap", TrainingDefaults.ExpertAllToAllOverlap.ToString() },
        { "--micro-batch", TrainingDefaults.MicroBatchSize.ToString(CultureInfo.InvariantCulture) },
        { "--from", AdviceScenario.DefaultFromFlops.ToString("R", CultureInfo.InvariantCulture) },
        { "--to", AdviceScenario.DefaultToFlops.ToString("R", CultureInfo.InvariantCulture) },
        { "--min-gain", AdviceScenario.DefaultMinGainNats.ToString("R", CultureInfo.InvariantCulture) },
        { "--steps-per-doubling", AdviceScenario.DefaultStepsPerDoubling.ToString(CultureInfo.InvariantCulture) },
        { "--max-days", ScalingLimits.DefaultMaxDays.ToString("R", CultureInfo.InvariantCulture) },
        { "--max-epochs", ScalingLimits.DefaultMaxEpochs.ToString("R", CultureInfo.InvariantCulture) },
        { "--pue", FootprintAssumptions.DefaultPue.ToString("R", CultureInfo.InvariantCulture) },
        { "--power-fraction", FootprintAssumptions.DefaultPowerFraction.ToString("R", CultureInfo.InvariantCulture) },
        { "--bandwidth-utilisation", InferenceEfficiency.DefaultBandwidthUtilisation.ToString("R", CultureInfo.InvariantCulture) },
        { "--bootstrap", BootstrapOptions.DefaultResamples.ToString(CultureInfo.InvariantCulture) },
        { "--confidence", BootstrapOptions.DefaultConfidence.ToString("R", CultureInfo.InvariantCulture) },
        { "--weights-bits", Memory.InferenceSetup.DefaultWeightBits.ToString(CultureInfo.InvariantCulture) },
        { "--kv-bits", Memory.InferenceSetup.DefaultKeyValueCacheBits.ToString(CultureInfo.InvariantCulture) },
        { "--zero", TrainingDefaults.ZeroStage.ToString(CultureInfo.InvariantCulture) },
    };

    [Theory]
    [MemberData(nameof(LibraryDefaults))]
    public void Every_command_defaults_an_option_to_the_library_value(string name, string expected)
    {
        var found = AllOptions().Where(o => o.Option.Name == name).ToList();
        found.Should().NotBeEmpty();
        foreach (var (command, option) in found.Where(o => o.Option.HasDefaultValue))
        {
            // serve's --gpus is a replica's tensor-parallel degree, its own concept with its own library default.
            string wanted = command.EndsWith(" serve", StringComparison.Ordinal) && name == "--gpus"
                ? ServingSetup.DefaultGpus.ToString(CultureInfo.InvariantCulture)
                : expected;
            DefaultText(option).Should().Be(wanted, $"{command} {name} must default to the library's value");
        }
    }

    [Fact]
    public void The_gpu_count_defaults_the_same_in_every_command_that_takes_it()
        => AllOptions().Where(o => o.Option.Name == "--gpus").Should().OnlyContain(o => o.Option.HasDefaultValue, "one rule: a default everywhere");

    [Fact]
    public void The_advisors_memory_check_sequence_is_the_library_training_default()
    {
        var seqLen = AllOptions().Single(o => o.Command.EndsWith(" advise", StringComparison.Ordinal) && o.Option.Name == "--seq-len").Option;
        DefaultText(seqLen).Should().Be(TrainingDefaults.SequenceLength.ToString(CultureInfo.InvariantCulture));
        MemoryCheck.Default.SequenceLength.Should().Be(TrainingDefaults.SequenceLength);
    }

    [Fact]
    public void Every_byte_option_states_the_unit_convention_in_its_help()
    {
        var bytes = AllOptions().Where(o => o.Option.Name is "--gpu-memory" or "--kv-bytes-per-token").ToList();
        bytes.Should().NotBeEmpty();
        bytes.Should().OnlyContain(o => o.Option.Description!.Contains(QuantityParser.ByteConvention, StringComparison.Ordinal));
        QuantityParser.ByteConvention.Should().Contain("80GiB").And.Contain("1000").And.Contain("1024");
    }

    [Fact]
    public void Options_are_typed_as_the_values_they_hold()
    {
        // Issue 15: under Native AOT an Option<string> re-parsed by hand bought nothing; numbers and choices are typed.
        AllOptions().Where(o => o.Option.Name is "--gpus" or "--zero" or "--micro-batch").Should().OnlyContain(o => o.Option.ValueType == typeof(int?));
        AllOptions().Where(o => o.Option.Name is "--params" or "--mfu" or "--from" or "--gpu-memory").Should().OnlyContain(o => o.Option.ValueType == typeof(double?));
        AllOptions().Where(o => o.Option.Name is "--recompute" or "--optimizer" or "--norm" or "--method" or "--targets" or "--format")
            .Should().OnlyContain(o => o.Option.ValueType.IsEnum);
    }

    [Fact]
    public void The_default_an_enum_option_shows_in_its_help_can_be_typed_back()
    {
        // System.CommandLine prints an enum default by its member name ("[default: Selective]"), so that is accepted too.
        var enums = AllOptions().Where(o => o.Option.ValueType.IsEnum && o.Option.HasDefaultValue).ToList();
        enums.Should().NotBeEmpty();
        foreach (var (command, option) in enums)
        {
            var probe = new RootCommand { option };
            probe.Parse([option.Name, DefaultText(option)]).Errors.Should().BeEmpty($"{command} {option.Name} {DefaultText(option)}");
        }
    }
}
