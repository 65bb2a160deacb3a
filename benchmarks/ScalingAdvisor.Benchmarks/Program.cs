using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// BenchmarkDotNet builds a copy of this project before running; its default 2-minute build timeout is too short on a
// busy 2-core machine, so allow 10 minutes. Command-line options (--filter, --job short, ...) apply on top.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

// Fail (exit 1) when nothing ran, a build or validation failed, or any benchmark errored, so CI and scripts notice.
bool failed = !summaries.Any()
    || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Length == 0 || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
