namespace Syn2Mas.Net.Configuration;

/// <summary>What MAS's <c>secrets</c> section holds, never the keys themselves.</summary>
/// <param name="Present">The section is there at all.</param>
/// <param name="Encryption">How the encryption key is given: <c>encryption</c>, <c>encryption_file</c> or null.</param>
/// <param name="EncryptionValid">An inline key is 32 bytes written as 64 hex digits (a file is not checked).</param>
/// <param name="KeyCount">Entries of <c>keys</c>.</param>
/// <param name="KeysDir"><c>keys_dir</c>, the other way of giving signing keys.</param>
public sealed record MasSecretsSection(bool Present, string? Encryption, bool EncryptionValid, int KeyCount, string? KeysDir);
