namespace SpeedUp.Drivers;

/// <summary>The carriers whose home-broadband lines the product can speed up.</summary>
public enum Carrier
{
    /// <summary>中国电信.</summary>
    ChinaTelecom = 1,

    /// <summary>中国联通.</summary>
    ChinaUnicom = 2,
}
