using System.Net;
using System.Net.Sockets;

namespace SpeedUp.Protocols.Cli.Tests;

public sealed class SshShellTransportTests
{
    [Fact]
    public async Task Open_NothingListening_Unreachable()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var transport = new SshShellTransport(new SshTransportOptions
        {
            Port = port, Username = "u", Password = "s3cret-pw", HostKeySha256 = "SHA256:x", ConnectTimeout = TimeSpan.FromSeconds(2),
        });

        var exception = await Assert.ThrowsAsync<CliException>(() => transport.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Equal(CliFailure.Unreachable, exception.Failure);
        Assert.DoesNotContain("s3cret-pw", exception.ToString(), StringComparison.Ordinal);
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public async Task Open_SilentServer_Timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var transport = new SshShellTransport(new SshTransportOptions
        {
            Port = port, Username = "u", Password = "p", HostKeySha256 = "SHA256:x", ConnectTimeout = TimeSpan.FromMilliseconds(300),
        });

        var exception = await Assert.ThrowsAsync<CliException>(() => transport.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Equal(CliFailure.Timeout, exception.Failure);
    }

    [Fact]
    public async Task Open_TargetPolicyRefuses_UnreachableWithItsReason_AndNothingIsSent()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string? asked = null;
        await using var transport = new SshShellTransport(new SshTransportOptions
        {
            Port = port, Username = "u", Password = "p", HostKeySha256 = "SHA256:x", ConnectTimeout = TimeSpan.FromSeconds(2),
            TargetPolicy = (host, p) => (asked = $"{host}:{p}") is not null ? "policy: not this one" : null,
        });

        var exception = await Assert.ThrowsAsync<CliException>(() => transport.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Equal(CliFailure.Unreachable, exception.Failure);
        Assert.Equal("policy: not this one", exception.Message);
        Assert.Equal($"127.0.0.1:{port}", asked);
        Assert.False(listener.Pending(), "no connection reached the listener");
    }

    [Fact]
    public void Options_ToString_OmitsPassword()
    {
        var options = new SshTransportOptions { Username = "admin", Password = "s3cret-pw", Port = 2222 };

        Assert.Equal("admin@127.0.0.1:2222", options.ToString());
    }
}
