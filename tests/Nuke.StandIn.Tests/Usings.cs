// Test builds use Nuke.Common (which has its own Assert); in this project Assert means NUnit's, and NUKE's is spelt out.
global using Assert = NUnit.Framework.Assert;
