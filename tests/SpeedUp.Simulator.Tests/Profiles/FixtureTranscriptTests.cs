using System.Text.Json;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>
/// The record/replay fixtures of the conformance tests (tests/SpeedUp.Drivers.Conformance.Tests/Fixtures) are
/// transcripts of the faces: written again to a fresh simulator of the same profile, every write gets byte for byte
/// the output the fixture recorded.
/// </summary>
public sealed class FixtureTranscriptTests
{
    [Theory]
    [InlineData("huawei-cli-ssh.json", CliDialects.Huawei, "china-telecom.json", null)]
    [InlineData("zte-cli-ssh.json", CliDialects.Zte, "china-unicom.json", null)]
    [InlineData("h3c-cli-ssh.json", CliDialects.H3c, "china-telecom.json", "SC-H3C-BRAS-01")]
    public async Task Replay_CommittedFixture_PrintsExactlyTheRecordedOutput(string fixture, string dialect, string seed, string? hostname)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(SimulatorTestPaths.RepositoryRoot, "tests", "SpeedUp.Drivers.Conformance.Tests", "Fixtures", fixture)));
        await using var simulator = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = Path.Combine(SimulatorTestPaths.RepositoryRoot, "simulators", "data", seed),
            Hostname = hostname,
            CliDialect = dialect,
        }, TestContext.Current.CancellationToken);

        foreach (var session in document.RootElement.GetProperty("sessions").EnumerateArray())
        {
            await using var cli = await UnixCliClient.ConnectAsync(simulator.CliSocketPath);
            foreach (var step in session.GetProperty("events").EnumerateArray())
            {
                var text = step.GetProperty("text").GetString()!;
                if (step.GetProperty("kind").GetString() == "write")
                {
                    await cli.SendAsync(text);
                }
                else
                {
                    Assert.Equal(UnixCliClient.Visible(text), UnixCliClient.Visible(await cli.ReadUntilAsync(text)));
                }
            }
        }
    }
}
