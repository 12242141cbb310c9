using Grpc.Net.Client;

namespace SpeedUp.Admin.Cli;

/// <summary>
/// What a run of the tool reads and writes outside its arguments: the environment, the home folder (for the default
/// profile), standard output and error, the clock signatures are dated by, and how a channel to the service is opened.
/// A process run uses the real ones (<see cref="FromProcess"/>); tests hand in their own.
/// </summary>
internal sealed record CliRuntime(
    Func<string, string?> Environment,
    string HomeDirectory,
    TextWriter Out,
    TextWriter Error,
    TimeProvider Time,
    Func<Uri, GrpcChannel> OpenChannel)
{
    /// <summary>The real process: its environment, home folder, console and clock; HTTP/2 channels to the address.</summary>
    public static CliRuntime FromProcess() => new(
        System.Environment.GetEnvironmentVariable,
        System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
        Console.Out,
        Console.Error,
        TimeProvider.System,
        address => GrpcChannel.ForAddress(address));
}
