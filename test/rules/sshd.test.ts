import { sshd } from '../../server/src/rules/sshd';
import { ruleTester } from '../harness/rule-tester';

const INSTALLS = (pkg: string): string => `Installs the SSH server "${pkg}".`;
const EXPOSES = 'Exposes port 22, the SSH port.';
const SOLE = 'sshd is the container\'s only process; without SSH, use "docker exec" or "kubectl exec" for a shell.';
const COMMENT = (was: string): string => `# SSH server removed (was: ${was}). For a shell, use "docker exec -it <container> sh" or "kubectl exec -it <pod> -- sh".`;

ruleTester(sshd, {
  valid: [
    { name: 'the SSH client', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y openssh-client git\n' },
    { name: 'other ports', code: 'FROM debian:12\nEXPOSE 2222 8022 22/udp\n' },
    { name: 'ssh as a client command', code: 'FROM debian:12\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n' },
    { name: 'openssh on RHEL is the common package, not the server', code: 'FROM rockylinux:9\nRUN dnf install -y openssh\n' },
    { name: 'a package name that only contains the word', code: 'FROM debian:12\nRUN apt-get install -y libssh-dev python3-sshtunnel\n' },
    { name: 'openssh-client on Alpine, and the sftp server alone', code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh-client git\nRUN apt-get install -y openssh-sftp-server\n' },
    { name: 'a client key is not sshd setup', code: 'FROM debian:12\nRUN ssh-keygen -t ed25519 -f /root/.ssh/id_ed25519 -N ""\n' },
    { name: 'a root password alone is another problem', code: 'FROM debian:12\nRUN echo "root:x" | chpasswd\n' },
    { name: 'a port 22 from a build argument without default is unknown', code: 'FROM debian:12\nARG PORT\nEXPOSE $PORT\n' },
    { name: 'port 22 of another protocol and ports that contain 22', code: 'FROM debian:12\nEXPOSE 22/udp 2222 220 122/tcp\n' },
  ],
  invalid: [
    {
      name: 'Trivy and Checkov read EXPOSE as written: port 22 through a build argument, and the server itself, are Bulkhead\'s own',
      code: 'FROM debian:12\nARG P=22\nEXPOSE 22 $P 22/tcp\nRUN apt-get install -y openssh-server\n',
      findings: [
        { message: EXPOSES, range: [2, 7, 2, 9], aliases: ['DS-0004', 'DS004', 'AVD-DS-0004', 'CKV_DOCKER_1'] },
        { message: EXPOSES, range: [2, 10, 2, 12], aliases: [] },
        { message: EXPOSES, range: [2, 13, 2, 19], aliases: ['DS-0004', 'DS004', 'AVD-DS-0004', 'CKV_DOCKER_1'] },
        { message: 'Installs the SSH server "openssh-server".', range: [3, 23, 3, 37], aliases: [] },
      ],
      output: 'FROM debian:12\nARG P=22\n',
    },
    {
      name: 'a shell that does not parse: flagged, no fix',
      code: 'FROM debian:12\nRUN if apt-get install -y openssh-server curl\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 26, 1, 40] }],
    },
    {
      name: 'removes only the token from a multi-package install',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl openssh-server git\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 70, 1, 84] }],
      fixTitle: 'Remove the SSH server',
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl git\n',
    },
    {
      name: 'removes the whole command from the && chain when it was the only package',
      code: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y openssh-server \\\n    && rm -rf /var/lib/apt/lists/*\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [2, 26, 2, 40] }],
      output: 'FROM debian:12\nRUN apt-get update \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'removes the whole RUN when nothing remains',
      code: 'FROM debian:12\nRUN apt-get install -y openssh-server\nCMD ["bash"]\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 23, 1, 37] }],
      output: 'FROM debian:12\nCMD ["bash"]\n',
    },
    {
      name: 'Debian\'s ssh metapackage becomes the client, which git over SSH and scp need',
      code: 'FROM debian:12\nRUN apt-get install -y ssh\nCMD ["bash"]\n',
      findings: [{ message: INSTALLS('ssh'), range: [1, 23, 1, 26] }],
      output: 'FROM debian:12\nRUN apt-get install -y openssh-client\nCMD ["bash"]\n',
    },
    {
      name: 'Alpine\'s openssh becomes openssh-client, keeping a version pin; quoted, the word is replaced whole',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache git openssh=9.7_p1-r4\nRUN apk add "openssh" curl\n',
      findings: [
        { message: INSTALLS('openssh=9.7_p1-r4'), range: [1, 27, 1, 44] },
        { message: INSTALLS('openssh'), range: [2, 12, 2, 21] },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache git openssh-client=9.7_p1-r4\nRUN apk add openssh-client curl\n',
    },
    {
      name: 'the client already installed: the server package just goes',
      code: 'FROM alpine:3.20\nRUN apk add openssh openssh-client git\n',
      findings: [{ message: INSTALLS('openssh'), range: [1, 12, 1, 19] }],
      output: 'FROM alpine:3.20\nRUN apk add openssh-client git\n',
    },
    {
      name: 'the docs example: package, setup command and port 22 of several',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl openssh-server \\\n    && mkdir /var/run/sshd\nEXPOSE 22 8080\nCMD ["/app/server"]\n',
      findings: [
        { message: INSTALLS('openssh-server'), range: [1, 70, 1, 84] },
        { message: EXPOSES, range: [3, 7, 3, 9] },
      ],
      output: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8080\nCMD ["/app/server"]\n',
    },
    {
      name: 'port 22 last of several, and 22/tcp alone',
      code: 'FROM debian:12\nEXPOSE 80 22\nEXPOSE 22/tcp\n',
      findings: [
        { message: EXPOSES, range: [1, 10, 1, 12] },
        { message: EXPOSES, range: [2, 7, 2, 13] },
      ],
      output: 'FROM debian:12\nEXPOSE 80\n',
    },
    {
      name: 'a port from a build argument',
      code: 'FROM debian:12\nARG SSH_PORT=22\nEXPOSE $SSH_PORT\n',
      findings: [{ message: EXPOSES, range: [2, 7, 2, 16] }],
      output: 'FROM debian:12\nARG SSH_PORT=22\n',
    },
    {
      name: 'setup commands go: host keys, sshd_config edits, a root password',
      code:
        'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y openssh-server vim \\\n' +
        "    && mkdir -p /run/sshd && ssh-keygen -A \\\n    && echo 'root:secret' | chpasswd \\\n" +
        "    && sed -i 's/#PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config \\\n" +
        '    && echo "PasswordAuthentication yes" >> /etc/ssh/sshd_config \\\n    && useradd -m dev\nUSER dev\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 41, 1, 55] }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y vim \\\n    && useradd -m dev\nUSER dev\n',
    },
    {
      name: 'sshd as the only process: the CMD becomes an explanation',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh && ssh-keygen -A\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D", "-e"]\n',
      findings: [
        { message: INSTALLS('openssh'), range: [1, 23, 1, 30] },
        { message: EXPOSES, range: [2, 7, 2, 9] },
        { message: SOLE, range: [3, 5, 3, 33] },
      ],
      output:
        'FROM alpine:3.20\nRUN apk add --no-cache openssh-client\n# SSH server removed (was: CMD ["/usr/sbin/sshd", "-D", "-e"]). For a shell, use "docker exec -it <container> sh" or "kubectl exec -it <pod> -- sh".\n',
    },
    {
      name: 'shell-form ENTRYPOINT running sshd alone',
      code: 'FROM debian:12\nENTRYPOINT /usr/sbin/sshd -D\n',
      findings: [{ message: SOLE, range: [1, 11, 1, 28] }],
      output: 'FROM debian:12\n# SSH server removed (was: ENTRYPOINT /usr/sbin/sshd -D). For a shell, use "docker exec -it <container> sh" or "kubectl exec -it <pod> -- sh".\n',
    },
    {
      name: 'service ssh start next to the app keeps the app',
      code: 'FROM debian:12\nCMD service ssh start && exec nginx -g "daemon off;"\n',
      findings: [{ message: 'Starts the SSH server (service ssh start).', range: [1, 4, 1, 21] }],
      output: 'FROM debian:12\nCMD exec nginx -g "daemon off;"\n',
    },
    {
      name: 'systemctl enable ssh in RUN',
      code: 'FROM debian:12\nRUN systemctl enable ssh && systemctl enable nginx\n',
      findings: [{ message: 'Starts the SSH server (systemctl enable ssh).', range: [1, 4, 1, 24] }],
      output: 'FROM debian:12\nRUN systemctl enable nginx\n',
    },
    {
      name: 'dnf and yum',
      code: 'FROM rockylinux:9\nRUN dnf install -y openssh-server && dnf clean all\nRUN yum -y install httpd dropbear\n',
      findings: [
        { message: INSTALLS('openssh-server'), range: [1, 19, 1, 33] },
        { message: INSTALLS('dropbear'), range: [2, 25, 2, 33] },
      ],
      output: 'FROM rockylinux:9\nRUN dnf clean all\nRUN yum -y install httpd\n',
    },
    {
      name: 'zypper and versioned apt packages',
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install openssh\nRUN apt-get install -y openssh-server=1:9.2p1-2 curl\n',
      findings: [
        { message: INSTALLS('openssh'), range: [1, 37, 1, 44] },
        { message: INSTALLS('openssh-server=1:9.2p1-2'), range: [2, 23, 2, 47] },
      ],
      output: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install openssh-clients\nRUN apt-get install -y curl\n',
    },
    {
      name: 'heredoc RUN',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\napk add --no-cache openssh\nssh-keygen -A\nEOF\n',
      findings: [{ message: INSTALLS('openssh'), range: [3, 19, 3, 26] }],
      output: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\napk add --no-cache openssh-client\nEOF\n',
    },
    {
      name: 'inside sh -c',
      code: 'FROM debian:12\nRUN sh -c "apt-get install -y openssh-server curl"\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 30, 1, 44] }],
      output: 'FROM debian:12\nRUN sh -c "apt-get install -y curl"\n',
    },
    {
      name: 'apk with a virtual package name option',
      code: 'FROM alpine:3.20\nRUN apk add --virtual .ssh dropbear bash\n',
      findings: [{ message: INSTALLS('dropbear'), range: [1, 27, 1, 35] }],
      output: 'FROM alpine:3.20\nRUN apk add --virtual .ssh bash\n',
    },
    {
      name: 'EXPOSE 22 first, over continued lines',
      code: 'FROM debian:12\nEXPOSE 22 \\\n  80\n',
      findings: [{ message: EXPOSES, range: [1, 7, 1, 9] }],
      output: 'FROM debian:12\nEXPOSE 80\n',
    },
    {
      name: 'port 22 in the middle, and lower-case expose',
      code: 'FROM debian:12\nEXPOSE 80 22 443\nexpose 22\n',
      findings: [
        { message: EXPOSES, range: [1, 10, 1, 12] },
        { message: EXPOSES, range: [2, 7, 2, 9] },
      ],
      output: 'FROM debian:12\nEXPOSE 80 443\n',
    },
    {
      name: 'sshd in a shell-form CMD next to the app',
      code: "FROM debian:12\nCMD /usr/sbin/sshd && exec nginx -g 'daemon off;'\n",
      findings: [{ message: 'Starts the SSH server (sshd).', range: [1, 4, 1, 18] }],
      output: "FROM debian:12\nCMD exec nginx -g 'daemon off;'\n",
    },
    {
      name: 'sshd inside an exec-form sh -c ENTRYPOINT',
      code: 'FROM debian:12\nENTRYPOINT ["/bin/sh", "-c", "/usr/sbin/sshd && exec app"]\n',
      findings: [{ message: 'Starts the SSH server (sshd).', range: [1, 30, 1, 44] }],
      output: 'FROM debian:12\nENTRYPOINT ["/bin/sh", "-c", "exec app"]\n',
    },
    {
      name: 'an sshd ENTRYPOINT takes the CMD that held its arguments with it',
      code: 'FROM debian:12\nENTRYPOINT ["/usr/sbin/sshd", "-D"]\nCMD ["-e"]\n',
      findings: [{ message: SOLE, range: [1, 12, 1, 34] }],
      output: `FROM debian:12\n${COMMENT('ENTRYPOINT ["/usr/sbin/sshd", "-D"]')}\n# Arguments of the removed SSH server (was: CMD ["-e"]).\n`,
    },
    {
      name: 'a CMD before the sshd ENTRYPOINT is its arguments too, and a multi-line one becomes one comment line',
      code: 'FROM debian:12\nCMD ["-e", \\\n    "-p", "2222"]\nENTRYPOINT ["/usr/sbin/sshd", "-D"]\n',
      findings: [{ message: SOLE, range: [3, 12, 3, 34] }],
      output: `FROM debian:12\n# Arguments of the removed SSH server (was: CMD ["-e", "-p", "2222"]).\n${COMMENT('ENTRYPOINT ["/usr/sbin/sshd", "-D"]')}\n`,
    },
    {
      name: 'a later ENTRYPOINT owns the CMD: only the overridden sshd ENTRYPOINT goes',
      code: 'FROM debian:12\nENTRYPOINT ["/usr/sbin/sshd", "-D"]\nENTRYPOINT ["/app/server"]\nCMD ["--port", "8080"]\n',
      findings: [{ message: SOLE, range: [1, 12, 1, 34] }],
      output: `FROM debian:12\n${COMMENT('ENTRYPOINT ["/usr/sbin/sshd", "-D"]')}\nENTRYPOINT ["/app/server"]\nCMD ["--port", "8080"]\n`,
    },
    {
      name: 'another stage keeps its CMD',
      code: 'FROM debian:12 AS ssh\nENTRYPOINT ["/usr/sbin/sshd", "-D"]\nCMD ["-e"]\nFROM debian:12\nCMD ["/app/server"]\n',
      findings: [{ message: SOLE, range: [1, 12, 1, 34] }],
      output: `FROM debian:12 AS ssh\n${COMMENT('ENTRYPOINT ["/usr/sbin/sshd", "-D"]')}\n# Arguments of the removed SSH server (was: CMD ["-e"]).\nFROM debian:12\nCMD ["/app/server"]\n`,
    },
    {
      name: 'dropbear as the only process',
      code: 'FROM alpine:3.20\nRUN apk add dropbear\nCMD ["dropbear", "-F", "-E"]\n',
      findings: [
        { message: INSTALLS('dropbear'), range: [1, 12, 1, 20] },
        { message: 'dropbear is the container\'s only process; without SSH, use "docker exec" or "kubectl exec" for a shell.', range: [2, 5, 2, 27] },
      ],
      output: `FROM alpine:3.20\n${COMMENT('CMD ["dropbear", "-F", "-E"]')}\n`,
    },
    {
      name: 'the comment replaces a CMD at the end of a file without a trailing newline',
      code: 'FROM debian:12\nCMD ["/usr/sbin/sshd","-D"]',
      findings: [{ message: SOLE, range: [1, 5, 1, 26] }],
      output: `FROM debian:12\n${COMMENT('CMD ["/usr/sbin/sshd","-D"]')}`,
    },
    {
      name: 'service ssh start as the whole RUN',
      code: 'FROM debian:12\nRUN service ssh start\n',
      findings: [{ message: 'Starts the SSH server (service ssh start).', range: [1, 4, 1, 21] }],
      output: 'FROM debian:12\n',
    },
    {
      name: '/etc/init.d/ssh start',
      code: 'FROM debian:12\nCMD /etc/init.d/ssh start && tail -f /dev/null\n',
      findings: [{ message: 'Starts the SSH server (/etc/init.d/ssh start).', range: [1, 4, 1, 25] }],
      output: 'FROM debian:12\nCMD tail -f /dev/null\n',
    },
    {
      name: 'systemctl enable keeps the other units',
      code: 'FROM debian:12\nRUN systemctl enable sshd.service nginx\n',
      findings: [{ message: 'Starts the SSH server (systemctl enable sshd.service).', range: [1, 4, 1, 39] }],
      output: 'FROM debian:12\nRUN systemctl enable nginx\n',
    },
    {
      name: 'rc-update add sshd on Alpine',
      code: 'FROM alpine:3.20\nRUN apk add openssh && rc-update add sshd default\n',
      findings: [
        { message: INSTALLS('openssh'), range: [1, 12, 1, 19] },
        { message: 'Starts the SSH server (rc-update add sshd default).', range: [1, 23, 1, 49] },
      ],
      output: 'FROM alpine:3.20\nRUN apk add openssh-client\n',
    },
    {
      name: 'install and start in one chain',
      code: 'FROM debian:12\nRUN apt-get install -y openssh-server && service ssh start && echo done\n',
      findings: [
        { message: INSTALLS('openssh-server'), range: [1, 23, 1, 37] },
        { message: 'Starts the SSH server (service ssh start).', range: [1, 41, 1, 58] },
      ],
      output: 'FROM debian:12\nRUN echo done\n',
    },
    {
      name: 'setup commands in RUNs of their own go with their RUN',
      code:
        'FROM debian:12\nRUN apt-get install -y openssh-server\nRUN mkdir /var/run/sshd\nRUN ssh-keygen -A\n' +
        "RUN echo 'root:pass' | chpasswd\nRUN echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config\nCMD [\"bash\"]\n",
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 23, 1, 37] }],
      output: 'FROM debian:12\nCMD ["bash"]\n',
    },
    {
      name: 'mkdir of the sshd folder among others keeps the others',
      code: 'FROM debian:12\nRUN apt-get install -y openssh-server curl && mkdir -p /var/run/sshd /app/data\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 23, 1, 37] }],
      output: 'FROM debian:12\nRUN apt-get install -y curl && mkdir -p /app/data\n',
    },
    {
      name: 'a client key generated next to the server stays',
      code: "FROM debian:12\nRUN apt-get install -y openssh-server && ssh-keygen -t ed25519 -f /root/.ssh/id -N ''\n",
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 23, 1, 37] }],
      output: "FROM debian:12\nRUN ssh-keygen -t ed25519 -f /root/.ssh/id -N ''\n",
    },
    {
      name: 'bash -c whose only command is the install goes whole, and its RUN with it',
      code: "FROM debian:12\nRUN bash -c 'apt-get install -y openssh-server'\n",
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 32, 1, 46] }],
      output: 'FROM debian:12\n',
    },
    {
      name: 'bash -c whose only command is the install, inside a chain',
      code: "FROM debian:12\nRUN apt-get update && bash -c 'apt-get install -y openssh-server' && echo ok\n",
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 50, 1, 64] }],
      output: 'FROM debian:12\nRUN apt-get update && echo ok\n',
    },
    {
      name: 'nested sh -c',
      code: 'FROM debian:12\nRUN sh -c "sh -c \'apt-get install -y openssh-server\'" && echo ok\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 37, 1, 51] }],
      output: 'FROM debian:12\nRUN echo ok\n',
    },
    {
      name: 'exec-form sh -c',
      code: 'FROM debian:12\nRUN ["sh", "-c", "apt-get install -y openssh-server"]\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 37, 1, 51] }],
      output: 'FROM debian:12\n',
    },
    {
      name: 'exec-form install',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "openssh-server", "curl"]\nRUN ["apt-get", "install", "-y", "dropbear"]\n',
      findings: [
        { message: INSTALLS('openssh-server'), range: [1, 33, 1, 49] },
        { message: INSTALLS('dropbear'), range: [2, 33, 2, 43] },
      ],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
    },
    {
      name: 'an if body keeps its other commands',
      code: 'FROM debian:12\nRUN if true; then apt-get install -y openssh-server; echo x; fi\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 37, 1, 51] }],
      output: 'FROM debian:12\nRUN if true; then echo x; fi\n',
    },
    {
      name: 'the only command of an if body: no fix rather than `if …; then fi`',
      code: 'FROM debian:12\nRUN if [ -n "$SSH" ]; then apt-get install -y openssh-server; fi\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 46, 1, 60] }],
    },
    {
      name: 'microdnf on UBI minimal',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y openssh-server && microdnf clean all\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 24, 1, 38] }],
      output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf clean all\n',
    },
    {
      name: 'sudo apt-get',
      code: 'FROM debian:12\nRUN sudo apt-get install -y openssh-server curl\n',
      findings: [{ message: INSTALLS('openssh-server'), range: [1, 28, 1, 42] }],
      output: 'FROM debian:12\nRUN sudo apt-get install -y curl\n',
    },
    {
      name: 'a package on the first and on the last continued line',
      code: 'FROM debian:12\nRUN apt-get install -y \\\n  openssh-server \\\n  curl\nRUN apt-get install -y \\\n  git \\\n  dropbear\n',
      findings: [
        { message: INSTALLS('openssh-server'), range: [2, 2, 2, 16] },
        { message: INSTALLS('dropbear'), range: [6, 2, 6, 10] },
      ],
      output: 'FROM debian:12\nRUN apt-get install -y \\\n  curl\nRUN apt-get install -y \\\n  git\n',
    },
    {
      name: 'CRLF files keep CRLF',
      code: 'FROM debian:12\r\nRUN apt-get install -y curl openssh-server\r\nEXPOSE 22 80\r\nCMD ["/usr/sbin/sshd", "-D"]\r\n',
      findings: [
        { message: INSTALLS('openssh-server'), range: [1, 28, 1, 42] },
        { message: EXPOSES, range: [2, 7, 2, 9] },
        { message: SOLE, range: [3, 5, 3, 27] },
      ],
      output: `FROM debian:12\r\nRUN apt-get install -y curl\r\nEXPOSE 80\r\n${COMMENT('CMD ["/usr/sbin/sshd", "-D"]')}\r\n`,
    },
  ],
});
