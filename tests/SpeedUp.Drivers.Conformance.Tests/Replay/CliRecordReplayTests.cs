using System.Text.RegularExpressions;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Conformance.Tests.Replay;

/// <summary>RecordingTransport / ReplayTransport over a scripted in-memory device: redaction, order, mismatches.</summary>
public sealed class CliRecordReplayTests
{
    private const string Password = "Enable-Pw-5521";

    private static readonly CliDialect Dialect = new()
    {
        Name = "test-vrp",
        PromptPattern = new Regex(@"^<(?<host>[A-Z0-9-]+)>$", RegexOptions.None, TimeSpan.FromSeconds(1)),
        SecretPatterns = [new Regex(@"password cipher (?<secret>\S+)", RegexOptions.None, TimeSpan.FromSeconds(1))],
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recording_MasksThePasswordAndTheDialectSecrets_InWritesAndOutputs_BeforeTheyReachTheDisk()
    {
        var recorder = new CliRecorder(Dialect, [Password, null, ""]);
        var path = Path.Combine(Path.GetTempPath(), $"cli-fixture-{Guid.NewGuid():N}.json");
        try
        {
            await using (var channel = new CliChannel(recorder.Wrap(Device()), Dialect))
            {
                await channel.OpenAsync(Ct);
                var configuration = await channel.SendCommandAsync("display config", Ct);
                await channel.SendCommandAsync("enable " + Password, Ct);
                Assert.Contains("password cipher Xy9$Qz", configuration.Output, StringComparison.Ordinal);
            }

            var fixture = recorder.Save(path, "unit", new Dictionary<string, string> { ["case"] = "redaction" });
            var text = File.ReadAllText(path);

            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Xy9$Qz", text, StringComparison.Ordinal);
            Assert.Contains("password cipher ******", text, StringComparison.Ordinal);
            Assert.Contains("enable ******", text, StringComparison.Ordinal);
            var kinds = fixture.Sessions.Single().Events.Select(e => e.Kind).ToList();
            Assert.Equal(
                [CliFixtureEventKind.Output, CliFixtureEventKind.Write, CliFixtureEventKind.Output, CliFixtureEventKind.Write, CliFixtureEventKind.Output],
                kinds.Take(5));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Replay_ReturnsTheRecordedOutput_AndAcceptsASecretWriteMaskedTheSameWay()
    {
        var recorder = new CliRecorder(Dialect, [Password]);
        await using (var channel = new CliChannel(recorder.Wrap(Device()), Dialect))
        {
            await channel.OpenAsync(Ct);
            await channel.SendCommandAsync("display version", Ct);
            await channel.SendCommandAsync("enable " + Password, Ct);
        }

        var replay = new CliReplay(recorder.ToFixture(), new CliSecretRedactor(Dialect, [Password]));
        await using var replayed = new CliChannel(replay.NextTransport(), Dialect);
        await replayed.OpenAsync(Ct);
        var version = await replayed.SendCommandAsync("display version", Ct);
        var enable = await replayed.SendCommandAsync("enable " + Password, Ct);

        Assert.Contains("VRP (R) software, Version 8.180", version.Output, StringComparison.Ordinal);
        Assert.Equal("<DEV-1>", enable.Prompt);
        Assert.True(replay.IsComplete);
    }

    [Fact]
    public async Task Replay_Mismatch_ShowsExpectedAndSent_AndAnUnrecordedSessionIsUnreachable()
    {
        var recorder = new CliRecorder(Dialect, []);
        await using (var channel = new CliChannel(recorder.Wrap(Device()), Dialect))
        {
            await channel.OpenAsync(Ct);
            await channel.SendCommandAsync("display version", Ct);
        }

        var replay = new CliReplay(recorder.ToFixture());
        await using var replayed = new CliChannel(replay.NextTransport(), Dialect);
        await replayed.OpenAsync(Ct);
        var mismatch = await Assert.ThrowsAsync<CliException>(() => replayed.SendCommandAsync("display users", Ct));
        var second = replay.NextTransport();
        var unrecorded = await Assert.ThrowsAsync<CliException>(() => second.OpenAsync(Ct));

        Assert.Equal(CliFailure.ProtocolError, mismatch.Failure);
        Assert.Equal("Replay mismatch in session 1, write 1: expected 'display version\\r' but the client sent 'display users\\r'.", mismatch.Message);
        Assert.Equal(mismatch.Message, replay.FirstMismatch);
        Assert.Equal(CliFailure.Unreachable, unrecorded.Failure);
        Assert.Contains("recorded only 1 session", unrecorded.Message, StringComparison.Ordinal);
    }

    /// <summary>A device that echoes, answers a few commands and ends each answer with its prompt.</summary>
    private static InMemoryTransport Device() => new(
        command =>
        {
            var line = command.TrimEnd('\r');
            var body = line switch
            {
                "display config" => "sysname DEV-1\r\nlocal-user admin password cipher Xy9$Qz\r\n",
                "display version" => "VRP (R) software, Version 8.180\r\n",
                _ when line.StartsWith("enable ", StringComparison.Ordinal) => "Info: enabled.\r\n",
                _ => "Error: Unrecognized command found at '^' position.\r\n",
            };
            return line + "\r\n" + body + "<DEV-1>";
        },
        "\r\nWelcome\r\n<DEV-1>");
}
