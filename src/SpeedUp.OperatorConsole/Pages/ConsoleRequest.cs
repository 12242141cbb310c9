using Grpc.Core;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using SpeedUp.OperatorConsole.Sessions;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>A signed-in request: the HTTP context, the operator's session, its form token and its signed admin calls.</summary>
internal sealed record ConsoleRequest(HttpContext Http, ConsoleSession Session, AntiforgeryTokenSet Tokens, CallInvoker Api)
{
    /// <summary>A query parameter, trimmed; empty when absent.</summary>
    public string Query(string name) => Http.Request.Query[name].ToString().Trim();

    /// <summary>The request's cancellation.</summary>
    public CancellationToken Aborted => Http.RequestAborted;
}
