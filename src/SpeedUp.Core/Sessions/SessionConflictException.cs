namespace SpeedUp.Core.Sessions;

/// <summary>A line already has an open session in that direction (the store's uniqueness guard).</summary>
public sealed class SessionConflictException(string message) : Exception(message);
