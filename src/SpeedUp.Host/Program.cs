using SpeedUp.Host;

if (args.Length > 0 && args[0] == DryRunCommand.Verb)
{
    return DryRunCommand.Run(args, Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == SignCommand.Verb)
{
    return SignCommand.Run(args, Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == LocateCommand.Verb)
{
    return LocateCommand.Run(args, Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == SeedCommand.Verb)
{
    return SeedCommand.Run(args, Console.Out, Console.Error);
}

var app = SpeedUpApplication.Build(args);
await app.RunAsync();
return 0;
