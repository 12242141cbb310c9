namespace SpeedUp.Admin.Cli.Credentials;

/// <summary>The names the tool reads its key from.</summary>
internal static class CredentialSources
{
    /// <summary>The AccessKeyId to sign with.</summary>
    public const string KeyIdVariable = "SPEEDUP_ADMIN_KEY_ID";

    /// <summary>The AccessKeySecret to sign with.</summary>
    public const string SecretVariable = "SPEEDUP_ADMIN_KEY_SECRET";

    /// <summary>The default profile, under the home folder.</summary>
    public static readonly string DefaultProfile = Path.Combine(".config", "speedup", "profile.json");
}
