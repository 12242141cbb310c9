using Broadband.SpeedUp.Admin.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpeedUp.Core.Access;
using SpeedUp.Core.Customers;
using DomainKey = SpeedUp.Core.Access.AccessKey;
using Wire = Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Host.Grpc;

/// <summary>
/// The operator's access keys and their audit log (protos/broadband/speedup/admin/v1/access_keys.proto). The caller's
/// key is the actor: <see cref="AccessKeyService"/> keeps it within its own grants.
/// </summary>
internal sealed class AccessKeyAdminGrpcService(AccessKeyService keys, ICallerContext caller) : AccessKeyAdmin.AccessKeyAdminBase
{
    /// <inheritdoc />
    public override async Task<AccessKeyWithSecret> CreateAccessKey(CreateAccessKeyRequest request, ServerCallContext context)
    {
        var (key, secret) = await keys.CreateAsync(Actor, request.CustomerId, request.Actions, request.Description, context.CancellationToken);
        return new AccessKeyWithSecret { Key = ToWire(key), AccessKeySecret = secret };
    }

    /// <inheritdoc />
    public override async Task<ListAccessKeysResponse> ListAccessKeys(ListAccessKeysRequest request, ServerCallContext context) =>
        new() { Keys = { (await keys.ListAsync(Actor, request.CustomerId, context.CancellationToken)).Select(ToWire) } };

    /// <inheritdoc />
    public override async Task<Wire.AccessKey> DisableAccessKey(AccessKeyRef request, ServerCallContext context) =>
        ToWire(await keys.SetEnabledAsync(Actor, request.AccessKeyId, enabled: false, context.CancellationToken));

    /// <inheritdoc />
    public override async Task<Wire.AccessKey> EnableAccessKey(AccessKeyRef request, ServerCallContext context) =>
        ToWire(await keys.SetEnabledAsync(Actor, request.AccessKeyId, enabled: true, context.CancellationToken));

    /// <inheritdoc />
    public override async Task<AccessKeyWithSecret> RotateAccessKey(RotateAccessKeyRequest request, ServerCallContext context)
    {
        var grace = request.PreviousValidSeconds is >= 0 and <= 604_800 ? TimeSpan.FromSeconds(request.PreviousValidSeconds) : TimeSpan.MinValue;
        var (key, secret) = await keys.RotateAsync(Actor, request.AccessKeyId, grace, context.CancellationToken);
        return new AccessKeyWithSecret { Key = ToWire(key), AccessKeySecret = secret };
    }

    /// <inheritdoc />
    public override async Task<DeleteAccessKeyResponse> DeleteAccessKey(AccessKeyRef request, ServerCallContext context)
    {
        await keys.DeleteAsync(Actor, request.AccessKeyId, context.CancellationToken);
        return new DeleteAccessKeyResponse();
    }

    /// <inheritdoc />
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        new()
        {
            Entries =
            {
                (await keys.AuditAsync(Actor, request.AccessKeyId, request.Limit, context.CancellationToken)).Select(e => new Broadband.SpeedUp.Admin.V1.AccessKeyAuditEntry
                {
                    At = Timestamp.FromDateTimeOffset(e.At), Actor = e.Actor, Action = e.Action, AccessKeyId = e.KeyId, Detail = e.Detail,
                }),
            },
        };

    private string Actor => caller.AccessKeyId ?? throw new InvalidOperationException("An admin call reached the service unauthenticated.");

    private static Wire.AccessKey ToWire(DomainKey key)
    {
        var wire = new Wire.AccessKey
        {
            AccessKeyId = key.Id, CustomerId = key.CustomerId ?? "", Actions = { key.Actions }, Enabled = key.Enabled,
            Description = key.Description, CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt),
        };
        if (key.RotatedAt is { } rotated)
        {
            wire.RotatedAt = Timestamp.FromDateTimeOffset(rotated);
        }

        return wire;
    }
}
