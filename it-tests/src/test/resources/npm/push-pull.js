// Pushes the image an OCI layout tags <tag> into a registry with the npm package
// oci-registry-client (its own upload path: POST, then one PUT ?digest= with the whole blob),
// then pulls it back with the same client into <out>/ (manifest and blobs by digest) and
// prints the tags list. NpmOciClientIT compares what comes back with what went in.
//
// usage: node push-pull.js <npm prefix> <http://host:port/repo> <tag> <layout dir> <out dir> [<user> <password>]
// With a user, the client logs in as registries expect (Basic, or the token flow the 401 names).
'use strict';
const fs = require('fs');
const path = require('path');
const { Readable } = require('stream');

const [prefix, repoUrl, tag, layout, out, username, password] = process.argv.slice(2);
const oci = require(path.join(prefix, 'node_modules', 'oci-registry-client'));

function blobPath(dir, digest) {
  const [algorithm, hex] = digest.split(':');
  return path.join(dir, 'blobs', algorithm, hex);
}

async function streamToBuffer(stream) {
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

async function main() {
  const client = new oci.RegistryClientV2({
    repo: oci.parseRepo(repoUrl),
    acceptOCIManifests: true,
    acceptManifestLists: true,
    scopes: ['pull', 'push'],
    username,
    password,
  });

  const index = JSON.parse(fs.readFileSync(path.join(layout, 'index.json')));
  const entry = index.manifests.find((m) => (m.annotations || {})['org.opencontainers.image.ref.name'] === tag);
  const manifestBytes = fs.readFileSync(blobPath(layout, entry.digest));
  const manifest = JSON.parse(manifestBytes);

  for (const blob of [manifest.config, ...manifest.layers]) {
    const bytes = fs.readFileSync(blobPath(layout, blob.digest));
    await client.blobUpload({
      digest: blob.digest,
      stream: Readable.from([bytes]),
      contentLength: bytes.length,
      contentType: 'application/octet-stream',
    });
  }
  const pushed = await client.putManifest({ manifestData: manifestBytes, ref: tag, mediaType: entry.mediaType });
  if (pushed.digest !== entry.digest) {
    throw new Error(`the registry answered digest ${pushed.digest} for a manifest of digest ${entry.digest}`);
  }

  fs.mkdirSync(path.join(out, 'blobs', 'sha256'), { recursive: true });
  const pulled = await client.getManifest({ ref: tag });
  const pulledBytes = await pulled.resp.dockerBody();
  fs.writeFileSync(path.join(out, 'manifest.json'), Buffer.from(pulledBytes));
  for (const blob of [pulled.manifest.config, ...pulled.manifest.layers]) {
    const head = await client.headBlob({ digest: blob.digest });
    const length = head[head.length - 1].headers.get('content-length');
    if (Number(length) !== blob.size) {
      throw new Error(`HEAD of ${blob.digest} answered Content-Length ${length}, not ${blob.size}`);
    }
    const { stream } = await client.createBlobReadStream({ digest: blob.digest });
    fs.writeFileSync(blobPath(out, blob.digest), await streamToBuffer(stream));
  }
  const tags = await client.listTags();
  process.stdout.write(JSON.stringify(tags) + '\n');
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
