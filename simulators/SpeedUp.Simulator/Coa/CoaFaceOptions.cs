using System.Net;

namespace SpeedUp.Simulator;

/// <summary>The RADIUS Change-of-Authorization face of a <see cref="BrasSimulator"/> (RFC 5176, docs/simulator.md).</summary>
public sealed class CoaFaceOptions
{
    /// <summary>Debian's freeradius-common dictionaries.</summary>
    public const string DefaultDictionaryDirectory = "/usr/share/freeradius";

    /// <summary>UDP endpoint of the face; default 127.0.0.1:0 (a free port, see <see cref="BrasSimulator.CoaEndpoint"/>).</summary>
    public IPEndPoint Endpoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>The shared secret of the one client the face accepts. Required.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The address requests must come from; others are dropped (counted as <c>unknown_client</c>). Default 127.0.0.1.</summary>
    public IPAddress ClientAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Whether requests without a Message-Authenticator are dropped. Default false (radclient sends none unless asked).</summary>
    public bool RequireMessageAuthenticator { get; set; }

    /// <summary>Where the FreeRADIUS dictionaries are (names in the received log and audit). Default <see cref="DefaultDictionaryDirectory"/>.</summary>
    public string DictionaryDirectory { get; set; } = DefaultDictionaryDirectory;
}
