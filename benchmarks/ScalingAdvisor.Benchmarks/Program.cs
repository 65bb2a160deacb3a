using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// BenchmarkDotNet builds a copy of this project before running; its default 2-minute build timeout is too short on a
// busy 2-core machine, so allow 10 minutes. Command-line options (--filter, --job short, ...) apply on top.
// `--quick` runs every benchmark in this process (no per-benchmark build or process), 1 warm-up and 3 iterations of 100 ms:
// the whole suite in a few minutes, for a smoke run and rough numbers; `--job short` or the default job for real ones.
const string Quick = "--quick";
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
if (args.Contains(Quick))
{
    config = config.AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100))
        .WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick"));
    args = [.. args.Where(a => a != Quick)];
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

// Fail (exit 1) when nothing ran, a build or validation failed, or any benchmark errored, so CI and scripts notice.
bool failed = !summaries.Any()
    || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Length == 0 || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
