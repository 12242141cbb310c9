namespace SpeedUp.Drivers;

/// <summary>
/// RADIUS Change-of-Authorization settings of a supply channel (<c>SpeedUp:Channels:N:Coa</c>), read by the CoA drivers
/// (<c>huawei-coa</c>, <c>zte-coa</c>) only. A CoA driver writes through the BRAS's CoA port and reads through another
/// face of the same BRAS: the driver named by <see cref="ReadDriver"/>, built from the channel's own keys (Host, Port,
/// Username, secrets, host key, SNMP settings) exactly as if the channel named it. All values are plain, so the SDK
/// stays free of any protocol stack. Secrets are never logged.
/// </summary>
public sealed class CoaChannelOptions
{
    /// <summary>The driver serving reads (find, read, read-back, probe), e.g. <c>huawei-cli-ssh</c> or <c>zte-snmp</c>. Required.</summary>
    public string? ReadDriver { get; set; }

    /// <summary>The BRAS's CoA address; null (default) = the channel's <see cref="DeviceOptions.Host"/>.</summary>
    public string? Host { get; set; }

    /// <summary>The BRAS's CoA UDP port. Default 3799 (RFC 5176 §2.3).</summary>
    public int Port { get; set; } = 3799;

    /// <summary>Name of the environment variable holding the RADIUS shared secret. Preferred over <see cref="Secret"/>.</summary>
    public string? SecretEnvironmentVariable { get; set; }

    /// <summary>The shared secret itself; for local simulators (loopback) only. Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>How long to wait for the answer to one attempt; null (default) = a third of the channel's <c>OperationTimeout</c>.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>How many times a CoA-Request is resent (same identifier and octets) after an attempt timed out. Default 2; 0..10.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>Where the FreeRADIUS dictionary files the vendor names are; null (default) = <c>/usr/share/freeradius</c>.</summary>
    public string? DictionaryDirectory { get; set; }

    /// <summary>The settings without secrets.</summary>
    public override string ToString() =>
        "CoaChannelOptions { ReadDriver = " + ReadDriver + ", Host = " + Host + ", Port = " + Port + ", Retries = " + Retries + " }";
}
