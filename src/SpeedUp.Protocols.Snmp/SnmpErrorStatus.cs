namespace SpeedUp.Protocols.Snmp;

/// <summary>The error-status of a Response-PDU (RFC 3416 §3).</summary>
public enum SnmpErrorStatus
{
    /// <summary>noError(0).</summary>
    NoError = 0,

    /// <summary>tooBig(1): the response would not fit in a message.</summary>
    TooBig = 1,

    /// <summary>noSuchName(2): SNMPv1 only.</summary>
    NoSuchName = 2,

    /// <summary>badValue(3): SNMPv1 only.</summary>
    BadValue = 3,

    /// <summary>readOnly(4): SNMPv1 only.</summary>
    ReadOnly = 4,

    /// <summary>genErr(5).</summary>
    GenErr = 5,

    /// <summary>noAccess(6).</summary>
    NoAccess = 6,

    /// <summary>wrongType(7).</summary>
    WrongType = 7,

    /// <summary>wrongLength(8).</summary>
    WrongLength = 8,

    /// <summary>wrongEncoding(9).</summary>
    WrongEncoding = 9,

    /// <summary>wrongValue(10).</summary>
    WrongValue = 10,

    /// <summary>noCreation(11): the row or instance does not exist and cannot be created.</summary>
    NoCreation = 11,

    /// <summary>inconsistentValue(12).</summary>
    InconsistentValue = 12,

    /// <summary>resourceUnavailable(13).</summary>
    ResourceUnavailable = 13,

    /// <summary>commitFailed(14).</summary>
    CommitFailed = 14,

    /// <summary>undoFailed(15).</summary>
    UndoFailed = 15,

    /// <summary>authorizationError(16).</summary>
    AuthorizationError = 16,

    /// <summary>notWritable(17).</summary>
    NotWritable = 17,

    /// <summary>inconsistentName(18).</summary>
    InconsistentName = 18,
}
