namespace SpeedUp.Core.Prechecks;

/// <summary>A pre-check and the product code it answers with: OK, or <c>isv.BAND_UNSURPOT_SPEEDUP</c> with no offers.</summary>
public sealed record PrecheckResult(Precheck Precheck, string Code, string Message);
