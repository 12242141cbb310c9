using SpeedUp.Admin.Cli;

// speedup-admin: see README.md, "Admin command-line tool".
return await AdminCommandLine.RunAsync(args, CliRuntime.FromProcess(), CancellationToken.None);
