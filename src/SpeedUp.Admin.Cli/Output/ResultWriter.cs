using Google.Protobuf;

namespace SpeedUp.Admin.Cli.Output;

/// <summary>Prints a command's result in the chosen <see cref="OutputFormat"/>.</summary>
internal sealed class ResultWriter(OutputFormat format, TextWriter writer)
{
    /// <summary>Protobuf's JSON mapping (lowerCamelCase names), default values included so scripts always find every field.</summary>
    public static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithIndentation());

    /// <summary>The result as JSON (through <paramref name="json"/>), or through <paramref name="table"/> as text.</summary>
    public void Write<T>(T result, Action<T, TextWriter> table, Func<T, string> json)
    {
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(json(result));
        }
        else
        {
            table(result, writer);
        }
    }
}
