import { labelKeyInvalid } from '../../../server/src/rules/instructions/label-key-invalid';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(labelKeyInvalid, {
  valid: [
    { name: 'OCI keys', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.title="app" org.opencontainers.image.version=1.0 com.example.v2=x\n' },
    { name: 'a period next to a hyphen', code: 'FROM alpine:3.20\nLABEL com.example-.x=1 com.example.-y=2\n' },
    { name: 'a key with a variable', code: 'FROM alpine:3.20\nARG K=x\nLABEL ${K}_Name=y\n' },
  ],
  invalid: [
    {
      name: 'capitals and underscores',
      code: 'FROM alpine:3.20\nLABEL Maintainer_Name="Jo" ok=1\n',
      findings: [{ message: 'Label key "Maintainer_Name" has characters other than lowercase letters, digits, "." and "-".', range: [1, 6, 1, 21] }],
    },
    {
      name: 'reserved namespaces, start, end, separators, in several stages',
      code: 'FROM alpine:3.20 AS a\nLABEL com.docker.x=1 io.docker.y=1 org.dockerproject.z=1\nFROM alpine:3.20\nLABEL 1abc=1 abc.=1 a..b=1 "a--b"=1\n',
      findings: [
        { message: 'Label key "com.docker.x" uses the reserved namespace "com.docker.".', range: [1, 6, 1, 18] },
        { message: 'Label key "io.docker.y" uses the reserved namespace "io.docker.".', range: [1, 21, 1, 32] },
        { message: 'Label key "org.dockerproject.z" uses the reserved namespace "org.dockerproject.".', range: [1, 35, 1, 54] },
        { message: 'Label key "1abc" does not start with a lowercase letter.', range: [3, 6, 3, 10] },
        { message: 'Label key "abc." does not end with a lowercase letter or digit.', range: [3, 13, 3, 17] },
        { message: 'Label key "a..b" has two periods or two hyphens in a row.', range: [3, 20, 3, 24] },
        { message: 'Label key "a--b" has two periods or two hyphens in a row.', range: [3, 27, 3, 33] },
      ],
    },
    {
      name: 'the legacy form',
      code: 'FROM alpine:3.20\nLABEL Description some text\n',
      findings: [{ message: 'Label key "Description" has characters other than lowercase letters, digits, "." and "-".', range: [1, 6, 1, 17] }],
    },
  ],
});
