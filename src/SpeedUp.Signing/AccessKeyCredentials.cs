namespace SpeedUp.Signing;

/// <summary>An AccessKeyId and its AccessKeySecret. <see cref="ToString"/> never shows the secret.</summary>
public sealed record AccessKeyCredentials(string AccessKeyId, string AccessKeySecret)
{
    /// <inheritdoc />
    public override string ToString() => $"AccessKeyCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
