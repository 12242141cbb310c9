using System.Globalization;
using System.Text;
using SpeedUp.Protocols.Cli;
using SpeedUp.Testing;

namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>A scripted Huawei VRP BRAS speaking the grammar of docs/simulator.md, for fast driver unit tests.</summary>
internal sealed class FakeHuaweiDevice
{
    private readonly Lock _sync = new();
    private readonly List<string> _commands = [];
    private string _view = "user";

    public FakeHuaweiDevice(string hostname = "CT-BRAS-01") => Hostname = hostname;

    public string Hostname { get; }

    public List<FakeLine> Lines { get; } =
    [
        new(330100001, "zj0571a0001", "202.101.172.35", 0, 65535, 4000, 50000, 20000, 200000),
        new(330100002, "zj0571a0002", "115.192.10.8", 0, 16383, 8000, 100000, 20000, 300000),
        new(330100003, "zj0571a0003", "115.192.10.8", 16384, 32767, 4000, 50000, 20000, 200000),
    ];

    /// <summary>Every command line received, across sessions.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_sync)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>When true, CAR commands are accepted but not applied (to provoke NotConfirmed).</summary>
    public bool IgnoreCarWrites { get; set; }

    /// <summary>The session drops when it receives this command (once), then clears.</summary>
    public string? DropOn { get; set; }

    /// <summary>Number of sessions opened.</summary>
    public int Sessions { get; private set; }

    public InMemoryTransport CreateTransport()
    {
        InMemoryTransport? transport = null;
        transport = new InMemoryTransport(input => Respond(transport!, input), "\r\nInfo: The max number of VTY users is 10.\r\n<" + Hostname + ">");
        Sessions++;
        _view = "user";
        return transport;
    }

    private string Prompt => _view switch
    {
        "system" => "[" + Hostname + "]",
        "aaa" => "[" + Hostname + "-aaa]",
        _ => "<" + Hostname + ">",
    };

    private string? Respond(InMemoryTransport transport, string input)
    {
        var command = input.TrimEnd('\r', '\n');
        lock (_sync)
        {
            _commands.Add(command);
        }

        if (DropOn is not null && command == DropOn)
        {
            DropOn = null;
            transport.Drop();
            return null;
        }

        return command + "\r\n" + Execute(command) + Prompt;
    }

    private string Execute(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (_view, words)
        {
            case (_, []):
                return "";
            case ("user", ["screen-length", "0", "temporary"]):
                return "Info: The configuration takes effect on the current user terminal interface only.\r\n";
            case (_, ["display", "access-user", "ip-address", var ip]):
                return Blocks(Lines.Where(l => l.Ip == ip));
            case (_, ["display", "access-user", "user-name", var account]):
                return Blocks(Lines.Where(l => l.Account == account));
            case ("user", ["system-view"]):
                _view = "system";
                return "Enter system view, return user view with return command.\r\n";
            case ("system", ["aaa"]):
                _view = "aaa";
                return "";
            case ("system" or "aaa", ["return"]):
                _view = "user";
                return "";
            case ("aaa", ["access-user", "user-name", var account, "car", var way and ("inbound" or "outbound"), "cir", var number]):
                return SetCar(account, way == "inbound", number);
            default:
                return "    ^\r\nError: Unrecognized command found at '^' position.\r\n";
        }
    }

    private string SetCar(string account, bool up, string number)
    {
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kbps))
        {
            return "Error: Wrong parameter found at '^' position.\r\n";
        }

        var index = Lines.FindIndex(l => l.Account == account);
        if (index < 0)
        {
            return "Error: The user does not exist.\r\n";
        }

        var line = Lines[index];
        if (kbps < 64 || kbps > (up ? line.MaxUp : line.MaxDown))
        {
            return "Error: The CIR value is out of the line capability.\r\n";
        }

        if (!IgnoreCarWrites)
        {
            Lines[index] = up ? line with { Up = kbps } : line with { Down = kbps };
        }

        return "";
    }

    private static string Blocks(IEnumerable<FakeLine> lines)
    {
        var builder = new StringBuilder();
        var rule = "  " + new string('-', 78) + "\r\n";
        var index = 0;
        foreach (var line in lines)
        {
            builder.Append(rule);
            Field(builder, "User access index", (++index).ToString(CultureInfo.InvariantCulture));
            Field(builder, "User name", line.Account);
            Field(builder, "Band id", line.BandId.ToString(CultureInfo.InvariantCulture));
            Field(builder, "User IP address", line.Ip);
            Field(builder, "NAT port block", $"{line.PortFirst}-{line.PortLast}");
            Field(builder, "Line capability up (kbps)", line.MaxUp.ToString(CultureInfo.InvariantCulture));
            Field(builder, "Line capability down (kbps)", line.MaxDown.ToString(CultureInfo.InvariantCulture));
            Field(builder, "Speed-up permitted", "yes");
            Field(builder, "Inbound CAR CIR (kbps)", line.Up.ToString(CultureInfo.InvariantCulture));
            Field(builder, "Outbound CAR CIR (kbps)", line.Down.ToString(CultureInfo.InvariantCulture));
            builder.Append(rule);
        }

        return builder.Length == 0 ? "Info: no online user.\r\n" : builder.ToString();
    }

    private static void Field(StringBuilder builder, string key, string value) =>
        builder.Append("  ").Append(key.PadRight(30)).Append(": ").Append(value).Append("\r\n");
}
