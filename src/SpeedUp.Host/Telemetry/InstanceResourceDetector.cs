using OpenTelemetry.Resources;
using SpeedUp.Core.Cluster;

namespace SpeedUp.Host.Telemetry;

/// <summary>Names this instance in every exported metric's resource (<c>service.instance.id</c> = <c>SpeedUp:Cluster:InstanceId</c>).</summary>
internal sealed class InstanceResourceDetector(InstanceIdentity instance) : IResourceDetector
{
    /// <inheritdoc />
    public Resource Detect() => new([new KeyValuePair<string, object>("service.instance.id", instance.Id)]);
}
