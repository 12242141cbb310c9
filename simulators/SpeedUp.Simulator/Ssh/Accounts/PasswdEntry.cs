using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>One line of the account database as <c>getent passwd</c> prints it.</summary>
internal sealed record PasswdEntry(string Name, int Uid, string Gecos, string Home, string Shell)
{
    /// <summary>Parses <c>name:x:uid:gid:gecos:home:shell</c>; null when malformed.</summary>
    public static PasswdEntry? Parse(string line)
    {
        var fields = line.TrimEnd('\n', '\r').Split(':');
        if (fields.Length != 7 || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            return null;
        }

        return new PasswdEntry(fields[0], uid, fields[4], fields[5], fields[6]);
    }

    /// <summary>root, or an account below the first user uid.</summary>
    public bool IsSystemAccount => Uid < SimulatorAccountPaths.FirstUserUid || Name == "root";
}
