import { QueryParams, parseFilters, parseTagSpecifications, parseTags } from '../../../local/protocol/query';
import { ec2ErrorResponse, ec2Response, escapeXml, renderXml } from '../../../local/protocol/xml';
import { awsJsonError, parseJsonBody, restJsonError, targetOperation } from '../../../local/protocol/json';

describe('EC2 query bodies', () => {
  const p = QueryParams.parse(
    'Action=DescribeVpcs&Filter.2.Name=vpc-id&Filter.2.Value.1=vpc-2&Filter.1.Name=tag%3Aegress&Filter.1.Value.2=b&Filter.1.Value.1=a' +
      '&SubnetId.10=s10&SubnetId.2=s2&TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=k&TagSpecification.1.Tag.1.Value=' +
      '&Tag.1.Key=only&DryRun=true&MaxResults=5',
  );
  test('scalars, booleans, ints', () => {
    expect(p.get('Action')).toBe('DescribeVpcs');
    expect(p.bool('DryRun')).toBe(true);
    expect(p.int('MaxResults')).toBe(5);
  });
  test('lists in numeric index order', () => expect(p.list('SubnetId')).toEqual(['s2', 's10']));
  test('filters', () => expect(parseFilters(p)).toEqual([{ name: 'tag:egress', values: ['a', 'b'] }, { name: 'vpc-id', values: ['vpc-2'] }]));
  test('tag specifications keep an explicit empty value', () => {
    expect(parseTagSpecifications(p)).toEqual([{ resourceType: 'vpc', tags: [{ key: 'k', value: '' }] }]);
  });
  test('a tag without Value has value undefined (DeleteTags semantics)', () => expect(parseTags(p)).toEqual([{ key: 'only', value: undefined }]));
  test('canonical form ignores order and the excluded keys', () => {
    expect(QueryParams.parse('b=2&a=1&T=x').canonical(['T'])).toBe(QueryParams.parse('a=1&b=2&T=y').canonical(['T']));
  });
});

describe('EC2 XML', () => {
  test('escapes every special character, CR included', () => expect(escapeXml(`<&>"'\r`)).toBe('&lt;&amp;&gt;&quot;&apos;&#13;'));
  test('lists become item elements; undefined is omitted', () => {
    expect(renderXml('vpcSet', [{ vpcId: 'vpc-1', isDefault: false, x: undefined }])).toBe('<vpcSet><item><vpcId>vpc-1</vpcId><isDefault>false</isDefault></item></vpcSet>');
  });
  test('response root and namespace', () => {
    const r = ec2Response('DescribeVpcs', { vpcSet: [] }, 'req-1');
    expect(r.body).toContain('<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><vpcSet></vpcSet></DescribeVpcsResponse>');
  });
  test('error shape', () => {
    const r = ec2ErrorResponse(400, 'InvalidVpcID.NotFound', "The vpc ID 'x<' does not exist", 'req-2');
    expect(r.body).toContain("<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID &apos;x&lt;&apos; does not exist</Message></Error></Errors><RequestID>req-2</RequestID></Response>");
  });
});

describe('JSON protocols', () => {
  test('AWS JSON error carries __type and the header', () => {
    const r = awsJsonError(400, 'ExecutionAlreadyExists', 'exists', '1.0');
    expect(r.headers).toMatchObject({ 'x-amzn-errortype': 'ExecutionAlreadyExists', 'content-type': 'application/x-amz-json-1.0' });
    expect(JSON.parse(r.body)).toEqual({ __type: 'ExecutionAlreadyExists', message: 'exists' });
  });
  test('REST-JSON error', () => {
    const r = restJsonError(404, 'ResourceNotFoundException', 'nope', { resourceId: 'x' });
    expect(r.headers!['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(JSON.parse(r.body)).toEqual({ message: 'nope', resourceId: 'x' });
  });
  test('parseJsonBody', () => {
    expect(parseJsonBody('')).toEqual({});
    expect(() => parseJsonBody('[1]')).toThrow('JSON object');
    expect(() => parseJsonBody('{')).toThrow('Malformed');
  });
  test('targetOperation', () => expect(targetOperation({ 'x-amz-target': 'AWSStepFunctions.StartExecution' })).toBe('StartExecution'));
});
