// The example documents of the Open311 GeoReport v2 specification, one per endpoint, in XML and
// JSON (values shortened). The conformance test checks that every answer has the same elements
// under the same parents as these.
export const specExamples = {
  discovery: {
    xml: `<?xml version="1.0" encoding="utf-8"?>
<discovery>
  <changeset>2011-04-05T17:48:34Z</changeset>
  <contact>You can email or call for assistance api@city.gov +1 (555) 555-5555</contact>
  <key_service>You can request a key here: http://api.city.gov/api_key/request</key_service>
  <endpoints>
    <endpoint>
      <specification>http://wiki.open311.org/GeoReport_v2</specification>
      <url>http://open311.sfgov.org/dev/v2</url>
      <changeset>2011-04-20T17:48:34Z</changeset>
      <type>test</type>
      <formats>
        <format>text/xml</format>
        <format>application/json</format>
      </formats>
    </endpoint>
  </endpoints>
</discovery>`,
    json: { changeset: '2011-04-05T17:48:34Z', contact: 'You can email or call for assistance api@city.gov +1 (555) 555-5555', key_service: 'You can request a key here: http://api.city.gov/api_key/request', endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://open311.sfgov.org/dev/v2', changeset: '2011-04-20T17:48:34Z', type: 'test', formats: ['text/xml', 'application/json'] }] },
  },
  services: {
    xml: `<?xml version="1.0" encoding="utf-8"?>
<services>
  <service>
    <service_code>001</service_code>
    <service_name>Cans left out 24x7</service_name>
    <description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords>lorem, ipsum, dolor</keywords>
    <group>sanitation</group>
  </service>
</services>`,
    json: [{ service_code: '001', service_name: 'Cans left out 24x7', description: 'Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.', metadata: true, type: 'realtime', keywords: 'lorem, ipsum, dolor', group: 'sanitation' }],
  },
  serviceDefinition: {
    xml: `<?xml version="1.0" encoding="utf-8"?>
<service_definition>
  <service_code>DMV66</service_code>
  <attributes>
    <attribute>
      <variable>true</variable>
      <code>WHISHETN</code>
      <datatype>singlevaluelist</datatype>
      <required>true</required>
      <datatype_description></datatype_description>
      <order>1</order>
      <description>What is the ticket/tag/DL number?</description>
      <values>
        <value>
          <key>123</key>
          <name>Ford</name>
        </value>
      </values>
    </attribute>
  </attributes>
</service_definition>`,
    json: { service_code: 'DMV66', attributes: [{ variable: true, code: 'WHISHETN', datatype: 'singlevaluelist', required: true, datatype_description: null, order: 1, description: 'What is the ticket/tag/DL number?', values: [{ key: '123', name: 'Ford' }] }] },
  },
  postRequest: {
    xml: `<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>293944</service_request_id>
    <service_notice>The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code</service_notice>
    <account_id/>
  </request>
</service_requests>`,
    json: [{ service_request_id: '293944', service_notice: 'The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code', account_id: null }],
  },
  token: {
    xml: `<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <token>12345</token>
  </request>
</service_requests>`,
    json: [{ service_request_id: '638344', token: '12345' }],
  },
  requests: {
    xml: `<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <status>closed</status>
    <status_notes>Duplicate request.</status_notes>
    <service_name>Sidewalk and Curb Issues</service_name>
    <service_code>006</service_code>
    <description></description>
    <agency_responsible></agency_responsible>
    <service_notice></service_notice>
    <requested_datetime>2010-04-19T06:37:38-08:00</requested_datetime>
    <updated_datetime>2010-04-19T06:37:38-08:00</updated_datetime>
    <expected_datetime>2010-04-19T06:37:38-08:00</expected_datetime>
    <address>8TH AVE and JUDAH ST</address>
    <address_id>545483</address_id>
    <zipcode>94122</zipcode>
    <lat>37.762221815</lat>
    <long>-122.4651145</long>
    <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg</media_url>
  </request>
</service_requests>`,
    json: [{ service_request_id: '638344', status: 'closed', status_notes: 'Duplicate request.', service_name: 'Sidewalk and Curb Issues', service_code: '006', description: '', agency_responsible: '', service_notice: '', requested_datetime: '2010-04-19T06:37:38-08:00', updated_datetime: '2010-04-19T06:37:38-08:00', expected_datetime: '2010-04-19T06:37:38-08:00', address: '8TH AVE and JUDAH ST', address_id: '545483', zipcode: '94122', lat: 37.762221815, long: -122.4651145, media_url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg' }],
  },
  errors: {
    xml: `<?xml version="1.0" encoding="utf-8"?>
<errors>
  <error>
    <code>403</code>
    <description>Invalid api_key received -- can't proceed with create_request.</description>
  </error>
</errors>`,
    json: [{ code: 403, description: "Invalid api_key received -- can't proceed with create_request." }],
  },
} as const;
