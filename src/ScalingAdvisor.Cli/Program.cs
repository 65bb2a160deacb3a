using ScalingAdvisor.Cli.Infrastructure;

return CliApp.Run(args, Console.Out, Console.Error);
