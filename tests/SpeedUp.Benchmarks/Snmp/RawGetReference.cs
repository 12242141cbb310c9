using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net;

namespace SpeedUp.Benchmarks.Snmp;

/// <summary>
/// The reference for "what the agent can serve": a minimal client that blocks on one socket, keeps
/// <c>window</c> pre-encoded v2c GETs (sysName.0, community public) in flight and sends the next as each
/// answer arrives — no decoding, no matching, no allocation per request. Bounded by time and timeouts.
/// </summary>
internal static class RawGetReference
{
    private const int RequestIdOffset = 17;

    public static (int Answered, TimeSpan Elapsed, int Timeouts) Run(IPEndPoint agent, int window, TimeSpan duration)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(agent);
        socket.ReceiveTimeout = 200;
        var datagram = Datagram();
        var buffer = new byte[4096];
        var requestId = 0x01000000;
        void Send()
        {
            requestId = requestId >= 0x7FFFFFF0 ? 0x01000000 : requestId + 1;
            BinaryPrimitives.WriteInt32BigEndian(datagram.AsSpan(RequestIdOffset), requestId);
            socket.Send(datagram);
        }

        for (var i = 0; i < window; i++)
        {
            Send();
        }

        var answered = 0;
        var timeouts = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration && timeouts < 20)
        {
            try
            {
                socket.Receive(buffer);
                answered++;
                Send();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                timeouts++;
                for (var i = 0; i < window; i++)
                {
                    Send();
                }
            }
        }

        return (answered, Stopwatch.GetElapsedTime(started), timeouts);
    }

    /// <summary>v2c GetRequest { request-id (4 octets, patched), 0, 0, { sysName.0 = NULL } }, 43 octets.</summary>
    private static byte[] Datagram() =>
    [
        0x30, 0x29, 0x02, 0x01, 0x01, 0x04, 0x06, (byte)'p', (byte)'u', (byte)'b', (byte)'l', (byte)'i', (byte)'c',
        0xA0, 0x1C, 0x02, 0x04, 0x00, 0x00, 0x01, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
        0x30, 0x0E, 0x30, 0x0C, 0x06, 0x08, 0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x05, 0x00, 0x05, 0x00,
    ];
}
