import { sshd } from '../../server/src/rules/sshd';
import { ruleTester } from '../harness/rule-tester';

const INSTALLS = (pkg: string): string => `Installs the SSH server "${pkg}".`;
const EXPOSES = 'Exposes port 22, the SSH port.';
const SOLE = 'sshd is the container\'s only process; without SSH, use "docker exec" or "kubectl exec" for a shell.';

ruleTester(sshd, {
  valid: [
    { name: 'the SSH client', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y openssh-client git\n' },
    { name: 'other ports', code: 'FROM debian:12\nEXPOSE 2222 8022 22/udp\n' },
    { name: 'ssh as a client command', code: 'FROM debian:12\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n' },
    { name: 'openssh on RHEL is the common package, not the server', code: 'FROM rockylinux:9\nRUN dnf install -y openssh\n' },
    { name: 'a package name that only contains the word', code: 'FROM debian:12\nRUN apt-get install -y libssh-dev python3-sshtunnel\n' },
  ],
  invalid: [
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
      code: 'FROM debian:12\nRUN apt-get install -y ssh\nCMD ["bash"]\n',
      findings: [{ message: INSTALLS('ssh'), range: [1, 23, 1, 26] }],
      output: 'FROM debian:12\nCMD ["bash"]\n',
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
        'FROM alpine:3.20\n# SSH server removed (was: CMD ["/usr/sbin/sshd", "-D", "-e"]). For a shell, use "docker exec -it <container> sh" or "kubectl exec -it <pod> -- sh".\n',
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
      output: 'FROM opensuse/leap:15.6\nRUN apt-get install -y curl\n',
    },
    {
      name: 'heredoc RUN',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\napk add --no-cache openssh\nssh-keygen -A\nEOF\n',
      findings: [{ message: INSTALLS('openssh'), range: [3, 19, 3, 26] }],
      output: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\nEOF\n',
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
  ],
});
