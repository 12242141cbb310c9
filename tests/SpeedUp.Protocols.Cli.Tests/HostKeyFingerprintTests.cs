namespace SpeedUp.Protocols.Cli.Tests;

public sealed class HostKeyFingerprintTests
{
    private const string Key = "ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og";

    [Theory]
    [InlineData("SHA256:" + Key)]
    [InlineData(Key)]
    [InlineData(Key + "=")]
    [InlineData("sha256:" + Key + "=")]
    [InlineData("  SHA256:" + Key + " ")]
    public void Matches_EquivalentForms_True(string pinned) => Assert.True(HostKeyFingerprint.Matches(pinned, Key));

    [Theory]
    [InlineData("SHA256:" + "OhD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og")]
    [InlineData("SHA256:")]
    [InlineData("")]
    [InlineData(null)]
    public void Matches_OtherOrMissing_False(string? pinned) => Assert.False(HostKeyFingerprint.Matches(pinned, Key));

    [Fact]
    public void Format_AddsPrefixDropsPadding() => Assert.Equal("SHA256:" + Key, HostKeyFingerprint.Format(Key + "="));
}
