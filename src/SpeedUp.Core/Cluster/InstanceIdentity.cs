using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Cluster;

/// <summary>This instance's name among the instances sharing the store.</summary>
public sealed class InstanceIdentity(IOptions<ClusterOptions> options)
{
    /// <summary>The configured id, or host name, process id and a random suffix.</summary>
    public string Id { get; } = options.Value.InstanceId.Length > 0
        ? options.Value.InstanceId
        : $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}
