namespace ArtifactRegistry.Processes;

/// <summary>The last lines a program printed, kept whatever the buffering, for error messages.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);

    public void Add(string line)
    {
        if (_lines.Count == capacity)
            _lines.Dequeue();
        _lines.Enqueue(line);
    }

    public IReadOnlyList<string> ToList() => _lines.ToArray();
}
