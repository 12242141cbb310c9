using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Sends a request datagram, waits for its matched answer, and resends after each timeout.</summary>
internal static class RetryingSender
{
    public static async Task<T> SendAsync<T>(
        UdpTransport channel, IPEndPoint target, int requestId, Task<T> response, byte[] datagram,
        SnmpManagerOptions options, ILogger logger, string timeoutHint, CancellationToken ct)
    {
        var attempts = options.Retries + 1;
        var activity = SnmpTracing.CurrentRequest;
        activity?.SetTag(SnmpTracing.RequestIdTag, requestId);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            activity?.SetTag(SnmpTracing.AttemptsTag, attempt);
            try
            {
                await channel.SendAsync(datagram, target, ct).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new SnmpTransportException("Could not send the SNMP request to " + target + " (" + e.SocketErrorCode + ").", e);
            }
            catch (ObjectDisposedException)
            {
                throw new ObjectDisposedException(nameof(SnmpManager));
            }

            try
            {
                return await response.WaitAsync(options.Timeout, options.TimeProvider, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                ManagerLog.AttemptTimedOut(logger, target, requestId, attempt, attempts);
            }
        }

        throw new SnmpTimeoutException(
            "No SNMP response from " + target + " after " + attempts + " attempt(s) of " + options.Timeout.TotalMilliseconds
            + " ms (" + timeoutHint + ").");
    }
}
