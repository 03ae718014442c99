using System.Text;
using ArtifactRegistry.FileSystem;
using ArtifactRegistry.Hints;
using ArtifactRegistry.References;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ArtifactRegistry.GitOps;

/// <summary>
/// Pins a pushed image in a kustomization's <c>images:</c> as <c>kustomize edit set image NAME=NEWNAME@DIGEST</c> does
/// (<c>name</c> kept, <c>newName</c> set, <c>newTag</c> removed, <c>digest</c> set), adding the entry when none names the image.
/// The file is read through YAML's representation model only to find the entry: the new text replaces that entry's own span
/// (or is added after the last entry), so every other line, comment and quote stays byte for byte. Written atomically, with
/// the file's mode kept; a file that is not YAML or not a Kustomization is refused and left untouched.
/// </summary>
internal static class KustomizationFile
{
    /// <summary>The names kustomize looks for in a directory, in its order.</summary>
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    private static SettingName Setting => SettingNames.Kustomization.With("deploy/overlays/prod");

    /// <summary>Pins <paramref name="pushed"/> (with its digest) in the kustomization at <paramref name="path"/> (a file or its directory); with <paramref name="write"/> false only checks and plans.</summary>
    /// <exception cref="KustomizationException">No kustomization there, not YAML, not a Kustomization, or an <c>images:</c> that is not a list.</exception>
    public static KustomizationPin Pin(string path, ImageReference pushed, bool write)
    {
        var digest = pushed.Digest?.ToString() ?? throw new ArgumentException($"{pushed} has no digest to pin.", nameof(pushed));
        var file = Locate(path);
        var text = File.ReadAllText(file);
        var (root, images) = Read(file, text);
        var newName = pushed.WithoutTag().WithoutDigest().ToString();

        var entry = images?.Children.OfType<YamlMappingNode>().FirstOrDefault(item => Value(item, "name") == newName || Value(item, "newName") == newName);
        var name = entry is null ? newName : Value(entry, "name") ?? newName;
        var updated = entry is null ? Add(text, images, newName, digest) : Replace(text, entry, newName, digest);

        // The edit is text: read it back to be sure it says what kustomize will read.
        var (_, check) = Read(file, updated);
        var pinned = check!.Children.OfType<YamlMappingNode>().Where(item => Value(item, "name") == name).ToList();
        if (pinned is not [var only] || Value(only, "digest") != digest || Value(only, "newName") != newName || Value(only, "newTag") is not null)
            throw new KustomizationException(
                $"Pinning {newName} in {file} did not give the expected images: entry, so the file was left untouched. " +
                "Its images: list is written in a form this edit does not change safely (a flow list, anchors or a duplicated name); " +
                $"write it as a block list with one entry per name, or pin it with: kustomize edit set image {name}={newName}@{digest}");

        if (write)
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(updated);
            if (OperatingSystem.IsWindows())
            {
                AtomicFile.Write(file, bytes);
            }
            else
            {
                // AtomicFile makes the file owner-only; a kustomization in a repository keeps the mode it had.
                var mode = File.GetUnixFileMode(file);
                AtomicFile.Write(file, bytes);
                File.SetUnixFileMode(file, mode);
            }
        }
        return new KustomizationPin(file, name, newName, digest, Added: entry is null, Written: write);
    }

    /// <summary>Checks, before anything is built, that <paramref name="path"/> is a kustomization the images can be pinned in.</summary>
    /// <exception cref="KustomizationException">No kustomization there, not YAML, not a Kustomization, or an <c>images:</c> that is not a list.</exception>
    public static string Check(string path)
    {
        var file = Locate(path);
        Read(file, File.ReadAllText(file));
        return file;
    }

    /// <summary>The kustomization file itself: <paramref name="path"/>, or the one kustomize would read in that directory.</summary>
    public static string Locate(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            if (FileNames.Select(name => Path.Combine(full, name)).FirstOrDefault(File.Exists) is { } found)
                return found;
            var entries = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(12).ToList();
            throw new KustomizationException(
                $"{full} has no {string.Join(", ", FileNames)} (it holds {(entries.Count == 0 ? "nothing" : string.Join(", ", entries))}), so there is no kustomization to pin the image in. " +
                $"Name the directory or file of the kustomization that deploys it: {Setting}.");
        }
        if (!File.Exists(full))
            throw new KustomizationException($"The kustomization {full} does not exist, so the image cannot be pinned in it. Name an existing kustomization file or its directory: {Setting}.");
        return full;
    }

    private static (YamlMappingNode Root, YamlSequenceNode? Images) Read(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KustomizationException(
                $"{file} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}: {e.Message}), so it was left untouched. Fix it; `kubectl kustomize {Path.GetDirectoryName(file)}` shows what kustomize makes of it.", e);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new KustomizationException($"{file} is not a Kustomization: it holds {(stream.Documents.Count == 0 ? "no YAML document" : stream.Documents.Count > 1 ? $"{stream.Documents.Count} YAML documents" : "no mapping")}; it was left untouched. Name the kustomization.yaml of the overlay: {Setting}.");
        var kind = Value(root, "kind");
        if (kind != "Kustomization")
            throw new KustomizationException(
                $"{file} is not a Kustomization: {(kind is null ? "it has no kind" : $"its kind is {kind}")}{(Value(root, "apiVersion") is { } api ? $" (apiVersion {api})" : "")}; it was left untouched. " +
                $"Name the kustomization.yaml (kind: Kustomization) of the overlay that deploys the image: {Setting}.");
        if (!root.Children.TryGetValue(new YamlScalarNode("images"), out var images) || images is YamlScalarNode { Value: null or "" or "~" or "null" })
            return (root, null);
        return images is YamlSequenceNode sequence
            ? (root, sequence)
            : throw new KustomizationException($"{file}: images is not a list ({images.NodeType}), so the image cannot be pinned in it; it was left untouched.");
    }

    /// <summary>The entry rewritten in place: its keys in their order, <c>newTag</c> dropped, <c>newName</c> and <c>digest</c> set.</summary>
    private static string Replace(string text, YamlMappingNode entry, string newName, string digest)
    {
        var flow = entry.Style == MappingStyle.Flow;
        var fields = new List<string>();
        bool hasNewName = false, hasDigest = false;
        foreach (var (key, value) in entry.Children)
        {
            switch (((YamlScalarNode)key).Value)
            {
                case "newTag":
                    continue;
                case "newName":
                    hasNewName = true;
                    fields.Add("newName: " + newName);
                    break;
                case "digest":
                    hasDigest = true;
                    fields.Add("digest: " + digest);
                    break;
                default:
                    fields.Add(Span(text, key.Start, value.End));
                    break;
            }
        }
        if (!hasNewName)
            fields.Insert(Math.Min(1, fields.Count), "newName: " + newName);
        if (!hasDigest)
            fields.Add("digest: " + digest);

        var start = flow ? entry.Start : entry.Children.First().Key.Start;
        var end = flow ? entry.End : entry.Children.Last().Value.End;
        var rendered = flow
            ? "{" + string.Join(", ", fields) + "}"
            : string.Join("\n" + new string(' ', (int)start.Column - 1), fields);
        return text[..(int)start.Index] + rendered + text[(int)end.Index..];
    }

    /// <summary>A new entry after the last one, or a new <c>images:</c> at the end of the file.</summary>
    private static string Add(string text, YamlSequenceNode? images, string name, string digest)
    {
        string[] fields = [$"name: {name}", $"newName: {name}", $"digest: {digest}"];
        if (images is null)
            return (text.Length == 0 || text.EndsWith('\n') ? text : text + "\n") + "images:\n- " + string.Join("\n  ", fields) + "\n";
        if (images.Style == SequenceStyle.Flow)
        {
            var items = images.Children.Select(item => Span(text, item.Start, item.End)).Append("{" + string.Join(", ", fields) + "}");
            return text[..(int)images.Start.Index] + "[" + string.Join(", ", items) + "]" + text[(int)images.End.Index..];
        }
        var indent = new string(' ', (int)images.Start.Column - 1);
        var last = LastEnd(images.Children[^1]);
        return text[..(int)last.Index] + "\n" + indent + "- " + string.Join("\n" + indent + "  ", fields) + text[(int)last.Index..];
    }

    /// <summary>Where a block item's own text ends: its last scalar's end, before the line break and any comment that follow.</summary>
    private static Mark LastEnd(YamlNode node) => node switch
    {
        YamlMappingNode { Style: not MappingStyle.Flow, Children.Count: > 0 } mapping => LastEnd(mapping.Children.Last().Value),
        YamlSequenceNode { Style: not SequenceStyle.Flow, Children.Count: > 0 } sequence => LastEnd(sequence.Children[^1]),
        _ => node.End,
    };

    private static string Span(string text, Mark start, Mark end) => text[(int)start.Index..(int)end.Index];

    private static string? Value(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;
}
