namespace SpeedUp.Drivers.Coa;

/// <summary>How a CoA-Request names the subscriber's session (RFC 5176 §3, session identification attributes).</summary>
public enum CoaSession
{
    /// <summary><c>User-Name</c> = the line's access account.</summary>
    UserName,

    /// <summary><c>Framed-IP-Address</c> = the line's address, read through the read face first (a CGNAT address is refused by the NAS).</summary>
    FramedIpAddress,

    /// <summary><c>Acct-Session-Id</c> = the band id in decimal (the simulator's convention).</summary>
    AcctSessionId,
}
