using System.Text;

namespace ArtifactRegistry.Processes;

/// <summary>What a program reads on standard input. Without one, its standard input is closed at once, so a prompt never hangs a build.</summary>
public abstract class StandardInput
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private protected StandardInput()
    {
    }

    /// <summary>No input: standard input is closed at once.</summary>
    public static StandardInput Empty { get; } = new BytesInput([], isSecret: false, secretText: null);

    /// <summary>Whether the input is shown as <c>[REDACTED]</c> and its text masked in logged output and error messages.</summary>
    public bool IsSecret { get; private protected init; }

    /// <paramref name="text"/>, encoded with <paramref name="encoding"/> (default UTF-8 without a byte order mark).
    public static StandardInput FromString(string text, Encoding? encoding = null) =>
        new BytesInput((encoding ?? Utf8).GetBytes(text), isSecret: false, secretText: null);

    /// <summary>Input shown as <c>[REDACTED]</c>, and whose text is masked in logged output and error messages (e.g. a token for <c>--password-stdin</c>).</summary>
    public static StandardInput FromSecret(string secret, Encoding? encoding = null) =>
        new BytesInput((encoding ?? Utf8).GetBytes(secret), isSecret: true, secretText: secret);

    /// <summary>Copies the stream from its current position; the caller keeps ownership of it.</summary>
    public static StandardInput FromStream(Stream stream) => new StreamInput(stream);

    /// <summary>The file is opened when the command runs, so a missing file fails before the program starts.</summary>
    public static StandardInput FromFile(string path) => new FileInput(path);

    internal virtual string? SecretText => null;

    internal abstract Stream Open();

    internal virtual bool OwnsOpenedStream => true;

    private sealed class BytesInput : StandardInput
    {
        private readonly byte[] _bytes;
        private readonly string? _secretText;

        public BytesInput(byte[] bytes, bool isSecret, string? secretText)
        {
            _bytes = bytes;
            _secretText = secretText;
            IsSecret = isSecret;
        }

        internal override string? SecretText => _secretText;

        internal override Stream Open() => new MemoryStream(_bytes, writable: false);

        public override string ToString() => IsSecret ? SecretRedactor.Placeholder : $"<{_bytes.Length} bytes>";
    }

    private sealed class StreamInput(Stream stream) : StandardInput
    {
        private readonly Stream _stream = stream ?? throw new ArgumentNullException(nameof(stream));

        internal override Stream Open() => _stream;

        internal override bool OwnsOpenedStream => false;

        public override string ToString() => "<stream>";
    }

    private sealed class FileInput(string path) : StandardInput
    {
        private readonly string _path = Path.GetFullPath(path ?? throw new ArgumentNullException(nameof(path)));

        internal override Stream Open() => new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

        public override string ToString() => CommandLineText.Quote(_path);
    }
}
