using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// A recorded CLI conversation (JSON, docs/conformance.md): per session, in order, what the client wrote and what the
/// device sent, with secrets already masked (<see cref="CliSecretRedactor"/>). Written by <see cref="CliRecorder"/>,
/// played back by <see cref="CliReplay"/>.
/// </summary>
public sealed class CliFixture
{
    /// <summary>The format version written.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Format version (1).</summary>
    public int Format { get; set; } = CurrentFormat;

    /// <summary>The dialect spoken (<see cref="CliDialect.Name"/>).</summary>
    public string Dialect { get; set; } = "";

    /// <summary>Where it was recorded (e.g. <c>simulator</c>, <c>lab</c>); never a secret.</summary>
    public string? Source { get; set; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Free-form scenario data for the test replaying it (inputs and expected results).</summary>
    public Dictionary<string, string> Scenario { get; set; } = [];

    /// <summary>The sessions, in the order they were opened.</summary>
    public List<CliFixtureSession> Sessions { get; set; } = [];

    /// <summary>Reads a fixture file.</summary>
    /// <exception cref="InvalidOperationException">Missing, unreadable or of another format.</exception>
    public static CliFixture Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The CLI fixture {path} does not exist (record it: docs/conformance.md).");
        }

        CliFixture? fixture;
        try
        {
            fixture = JsonSerializer.Deserialize<CliFixture>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The CLI fixture {path} is not valid: {exception.Message}", exception);
        }

        if (fixture is null || fixture.Format != CurrentFormat)
        {
            throw new InvalidOperationException($"The CLI fixture {path} is not of format {CurrentFormat}.");
        }

        return fixture;
    }

    /// <summary>Writes the fixture (already redacted) as indented JSON.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, ToJson());
    }

    /// <summary>The fixture as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";
}

/// <summary>One recorded session.</summary>
public sealed class CliFixtureSession
{
    /// <summary>What happened, in order.</summary>
    public List<CliFixtureEvent> Events { get; set; } = [];
}

/// <summary>What a fixture event is.</summary>
public enum CliFixtureEventKind
{
    /// <summary>Bytes the device sent (consecutive reads between two writes are merged).</summary>
    Output,

    /// <summary>Bytes the client wrote, as one write call.</summary>
    Write,

    /// <summary>The device closed the session (a read returned 0).</summary>
    Close,
}

/// <summary>One event of a session: its kind and its text (UTF-8, secrets masked).</summary>
public sealed record CliFixtureEvent(CliFixtureEventKind Kind, string Text = "");
