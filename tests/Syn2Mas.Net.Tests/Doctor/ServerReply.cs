namespace Syn2Mas.Net.Tests.Doctor;

/// <summary>What a test server answers to one host and path: a status with a JSON body, or nothing until the client gives up.</summary>
internal sealed record ServerReply(int Status, string? Json, bool Hang = false)
{
    public static ServerReply Ok(string json) => new(200, json);

    public static ServerReply NotFound { get; } = new(404, """{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}""");

    public static ServerReply Never { get; } = new(0, null, Hang: true);
}
