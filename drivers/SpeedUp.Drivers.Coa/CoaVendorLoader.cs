using System.Reflection;
using System.Text.Json;

namespace SpeedUp.Drivers.Coa;

/// <summary>Reads <see cref="CoaVendorDefinition"/>s from JSON (comments and trailing commas allowed, like the CLI dialects).</summary>
public static class CoaVendorLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        PreferredObjectCreationHandling = System.Text.Json.Serialization.JsonObjectCreationHandling.Populate,
    };

    /// <summary>A vendor file embedded in <paramref name="assembly"/> under its file name.</summary>
    /// <exception cref="InvalidOperationException">Missing or malformed.</exception>
    public static CoaVendorDefinition Embedded(Assembly assembly, string fileName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException("CoA vendor file " + fileName + " is not embedded in " + assembly.GetName().Name + ".");
        return Read(stream, fileName);
    }

    /// <summary>A vendor file on disk.</summary>
    /// <exception cref="InvalidOperationException">Missing or malformed.</exception>
    public static CoaVendorDefinition LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    private static CoaVendorDefinition Read(Stream stream, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<CoaVendorDefinition>(stream, Json)
                ?? throw new InvalidOperationException("CoA vendor file " + source + " is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException("CoA vendor file " + source + " is malformed: " + e.Message, e);
        }
    }
}
