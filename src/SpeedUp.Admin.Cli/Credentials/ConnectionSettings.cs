using SpeedUp.Signing;

namespace SpeedUp.Admin.Cli.Credentials;

/// <summary>Where the service is and which key signs the calls, from the options, the environment and the profile.</summary>
internal sealed record ConnectionSettings(Uri Address, AccessKeyCredentials Key)
{
    /// <summary>The address used when neither <c>--address</c> nor the profile names one.</summary>
    public const string DefaultAddress = "http://127.0.0.1:50051";

    /// <summary>
    /// Resolves the settings: the address from <paramref name="address"/> (the option), else the profile, else
    /// <see cref="DefaultAddress"/>; the key id and secret each from the environment, else the profile
    /// (<paramref name="profilePath"/> when given, else <see cref="CredentialSources.DefaultProfile"/> under the home folder).
    /// </summary>
    public static ConnectionSettings Resolve(string? address, string? profilePath, CliRuntime runtime)
    {
        var profile = Profile.Load(profilePath ?? Path.Combine(runtime.HomeDirectory, CredentialSources.DefaultProfile), named: profilePath is not null);
        var keyId = NonEmpty(runtime.Environment(CredentialSources.KeyIdVariable)) ?? NonEmpty(profile.AccessKeyId)
            ?? throw new CliUsageException($"no access key: set {CredentialSources.KeyIdVariable} (and {CredentialSources.SecretVariable}), " +
                $"or write a profile (~/{CredentialSources.DefaultProfile} or --profile PATH, chmod 600).");
        var secret = NonEmpty(runtime.Environment(CredentialSources.SecretVariable)) ?? NonEmpty(profile.AccessKeySecret)
            ?? throw new CliUsageException($"no secret for the access key '{keyId}': set {CredentialSources.SecretVariable} or put accessKeySecret in the profile (chmod 600).");
        return new ConnectionSettings(ParseAddress(address ?? NonEmpty(profile.Address) ?? DefaultAddress), new AccessKeyCredentials(keyId, secret));
    }

    private static Uri ParseAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : throw new CliUsageException("the address (--address or the profile's) must be http://HOST:PORT or https://HOST:PORT.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
