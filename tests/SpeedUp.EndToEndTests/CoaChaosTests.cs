using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// Chaos on the CoA channel, end to end: the service as its own process, Zhejiang served by a RADIUS CoA channel with
/// the SSH CLI channel as fallback (configuration only, <see cref="ChannelSettings.TelecomCoaWithCliFallback"/>), under
/// the real clock. Round after round, three Zhejiang lines start and stop together while the BRAS's CoA face suffers
/// one fault after another: requests dropped at random, answers lost after the change was made, a NAK storm, the face
/// dark, slow answers. The simulator's audit log is the witness: every start and every stop changed each line exactly
/// once, through whichever face, and every line ends at its plan rates.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class CoaChaosTests(SimulatedNetworks networks)
{
    private static readonly int[] ZhejiangLines = [0, 1, 2];

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartsAndStops_UnderCoaFaults_FailOverToCliAndChangeEachLineExactlyOnce()
    {
        await using var service = await ServiceProcess.StartAsync(networks.Simulators,
            Path.Combine(Path.GetTempPath(), $"speedup-coa-chaos-{Guid.NewGuid():N}.db"),
            ChannelSettings.TelecomCoaWithCliFallback(networks.Simulators), Ct);
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, ZhejiangLines.Length, Ct);
        var rounds = new (string Name, Action<SimulatorFaults> Inject)[]
        {
            ("no fault", _ => { }),
            ("half the requests dropped", f => { f.Seed(19); f.CoaDropRatio = 0.5; }),
            ("answers lost", f => f.CoaAnswersLost = true),
            ("NAK storm", f => f.CoaNakStorm = true),
            ("dark", f => f.CoaDark = true),
            ("slow answers", f => f.CoaLatency = TimeSpan.FromMilliseconds(100)),
        };
        var faces = new HashSet<CommandFace>();
        try
        {
            foreach (var (name, inject) in rounds)
            {
                networks.Telecom.Faults.Clear();
                inject(networks.Telecom.Faults);
                var auditFrom = networks.Telecom.State.AuditLog.Count;

                await Task.WhenAll(ZhejiangLines.Select(i => TelecomFailoverLines.StartAsync(service, i, bandIds[i], Ct)));
                foreach (var i in ZhejiangLines)
                {
                    var applied = Applied(i, auditFrom);
                    Assert.True(applied.Count == 1 && applied[0].Command.Contains("200000", StringComparison.Ordinal),
                        $"{name}: line {TelecomFailoverLines.Lines[i].Account} was not changed exactly once by its start:\n"
                        + string.Join("\n", applied) + "\n" + service.Output);
                    faces.Add(applied[0].Face);
                }

                var stopsFrom = networks.Telecom.State.AuditLog.Count;
                await Task.WhenAll(ZhejiangLines.Select(i => TelecomFailoverLines.StopAsync(service, i, bandIds[i], Ct)));
                foreach (var i in ZhejiangLines)
                {
                    var line = networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[i].Account)!;
                    Assert.True(line.AtBaseRates, $"{name}: {line.Account} is at {line.UpKbps}/{line.DownKbps}\n{service.Output}");
                    Assert.True(Applied(i, stopsFrom).Count == 1,
                        $"{name}: line {line.Account} was not restored exactly once:\n" + string.Join("\n", Applied(i, stopsFrom)));
                }
            }

            Assert.Equal([CommandFace.Cli, CommandFace.Coa], faces.Order());
            var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Ct);
            Assert.Contains(channels.RecentFailovers, f => f.FromChannel == "ct-huawei-coa");
            Assert.All(channels.Channels, c => Assert.Equal(0, c.Capacity.SpeedUpsInUse));
            var status = await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandIds[0] }, cancellationToken: Ct);
            Assert.Equal(SessionState.Ended, status.Download.State);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    /// <summary>The changes the BRAS made to line <paramref name="i"/> since <paramref name="from"/>, through any face.</summary>
    private List<AuditEntry> Applied(int i, int from)
    {
        var line = networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[i].Account)!;
        return [.. networks.Telecom.State.AuditLog.Skip(from).Where(e => e.Outcome == "applied"
            && (TelecomFailoverLines.Mentions(e, line) || e.Command.Contains('"' + line.Account + '"', StringComparison.Ordinal)))];
    }
}
