import type { ImageReference } from './image-ref';

/**
 * The family of the base operating system, which decides how users are created and packages installed.
 * `unknown` when the name and tag do not say; never a guess dressed up as a fact.
 */
export type OsFamily = 'alpine' | 'busybox' | 'debian' | 'rhel' | 'rhel-minimal' | 'distroless' | 'scratch' | 'windows' | 'unknown';

/** Official Docker Hub images whose default variants are built on Debian or Ubuntu. */
const DEBIAN_BASED = new Set([
  'debian', 'ubuntu', 'node', 'python', 'golang', 'ruby', 'php', 'perl', 'rust', 'gcc', 'httpd', 'nginx', 'redis',
  'postgres', 'haproxy', 'buildpack-deps', 'wordpress', 'mongo', 'rabbitmq', 'tomcat', 'eclipse-temurin', 'openjdk',
  'maven', 'gradle', 'memcached', 'elixir', 'erlang', 'haskell', 'julia', 'r-base', 'swift', 'clojure', 'ghost',
  'drupal', 'joomla', 'nextcloud', 'mariadb', 'kong', 'sonarqube', 'jenkins', 'neo4j', 'cassandra', 'solr',
]);
const RHEL_BASED = new Set(['fedora', 'centos', 'rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux', 'ubi', 'ubi8', 'ubi9', 'ubi10', 'rhel', 'rhel8', 'rhel9']);
const DEBIAN_TAGS = /(^|[-._])(bookworm|bullseye|buster|stretch|trixie|sid|jammy|focal|noble|bionic|xenial|oracular|plucky|slim|debian|ubuntu)([-._]|\d|$)/;

export function guessOsFamily(ref: ImageReference): OsFamily {
  const name = ref.name;
  const repo = ref.repository;
  const tag = (ref.tag ?? '').toLowerCase();
  if (ref.registry === 'mcr.microsoft.com' && /^windows(\/|$)/.test(repo)) return 'windows';
  if (/windowsservercore|nanoserver|ltsc20\d\d/.test(tag)) return 'windows';
  if (ref.registry === 'gcr.io' && repo.startsWith('distroless/')) return /(^|-)debug/.test(tag) ? 'busybox' : 'distroless';
  if (ref.registry === 'cgr.dev' && repo.startsWith('chainguard/')) return /(^|-)dev$/.test(tag) ? 'alpine' : 'distroless';
  if (name === 'alpine' || /(^|[-._])alpine/.test(tag)) return 'alpine';
  if (name === 'busybox') return 'busybox';
  if (/^ubi\d*-(minimal|micro)$/.test(name) || /(^|-)minimal$/.test(name) && RHEL_BASED.has(name.replace(/-minimal$/, ''))) return 'rhel-minimal';
  if (RHEL_BASED.has(name) || /^ubi\d*(-init)?$/.test(name)) return 'rhel';
  if (DEBIAN_TAGS.test(tag)) return 'debian';
  if (ref.registry === 'mcr.microsoft.com' && /^(devcontainers|vscode\/devcontainers)\//.test(repo)) return 'debian';
  if (ref.registry === 'docker.io' && repo.startsWith('library/') && DEBIAN_BASED.has(name)) return 'debian';
  return 'unknown';
}
