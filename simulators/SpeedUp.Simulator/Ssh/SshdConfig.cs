namespace SpeedUp.Simulator;

/// <summary>Renders the sshd_config of an <see cref="OpenSshFront"/> (absolute paths everywhere: sshd re-executes from /).</summary>
internal static class SshdConfig
{
    public static string Render(int port, string hostKeyPath, string pidFilePath, string user, string forceCommand, string authorizedKeysPath) =>
        string.Join('\n',
            "# Written by SpeedUp.Simulator (OpenSshFront) on every start; edits are lost.",
            "ListenAddress 127.0.0.1",
            "Port " + port,
            "HostKey " + hostKeyPath,
            "PidFile " + pidFilePath,
            "UsePAM no",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "AuthorizedKeysFile " + authorizedKeysPath,
            "PermitRootLogin no",
            "PermitEmptyPasswords no",
            "AllowUsers " + user,
            "ForceCommand " + forceCommand,
            "UseDNS no",
            "MaxStartups 100:30:200",
            "MaxSessions 50",
            "LoginGraceTime 30",
            "StrictModes no",
            "AllowTcpForwarding no",
            "AllowAgentForwarding no",
            "AllowStreamLocalForwarding no",
            "X11Forwarding no",
            "PermitTunnel no",
            "PermitUserRC no",
            "PrintMotd no",
            "PrintLastLog no",
            "LogLevel INFO",
            string.Empty);
}
