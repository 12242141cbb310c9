using System.Reflection;
using System.Text.Json;

namespace SpeedUp.Drivers.Cli.Dialects;

/// <summary>Reads dialect definitions from JSON (files, or resources embedded in a driver assembly).</summary>
public static class DialectLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Parses a definition; throws <see cref="DialectException"/> naming <paramref name="source"/> on bad JSON.</summary>
    public static DialectDefinition Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<DialectDefinition>(json, Json)
                ?? throw new DialectException($"Dialect {source} is empty.");
        }
        catch (JsonException e)
        {
            throw new DialectException($"Dialect {source} is not valid: {e.Message}", e);
        }
    }

    /// <summary>Reads and compiles a definition file.</summary>
    public static CompiledDialect LoadFile(string path) => CompiledDialect.Compile(Parse(File.ReadAllText(path), path), path);

    /// <summary>Every <c>*.dialect.json</c> file of a folder, compiled; none when the folder does not exist.</summary>
    public static IReadOnlyList<CompiledDialect> LoadFolder(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.dialect.json").Order(StringComparer.Ordinal).Select(LoadFile)]
            : [];

    /// <summary>A definition embedded in <paramref name="assembly"/> under the resource name ending in <paramref name="fileName"/>.</summary>
    public static DialectDefinition Embedded(Assembly assembly, string fileName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(fileName, StringComparison.Ordinal))
            ?? throw new DialectException($"Dialect {fileName} is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"{assembly.GetName().Name}:{fileName}");
    }
}
