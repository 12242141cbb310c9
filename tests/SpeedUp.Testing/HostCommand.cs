using System.Diagnostics;

namespace SpeedUp.Testing;

/// <summary>Runs one of the service's commands (<c>dotnet SpeedUp.Host.dll dry-run|sign …</c>) to its end.</summary>
public static class HostCommand
{
    /// <summary>
    /// Runs the host with <paramref name="args"/> from the repository root. <paramref name="environment"/> sets variables
    /// (a null value removes one); <paramref name="standardInput"/>, when given, is written to the command's standard input.
    /// </summary>
    public static Task<(int Code, string Output, string Error)> RunAsync(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, environment, standardInput: null, cancellationToken);

    /// <inheritdoc cref="RunAsync(IReadOnlyList{string}, IReadOnlyDictionary{string, string?}?, CancellationToken)"/>
    public static async Task<(int Code, string Output, string Error)> RunAsync(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment, string? standardInput, CancellationToken cancellationToken)
    {
        var info = StartInfo();
        info.RedirectStandardInput = standardInput is not null;
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>How the host is launched: <c>dotnet SpeedUp.Host.dll</c> from the repository root, output redirected.</summary>
    internal static ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.HostAssembly);
        return info;
    }
}
