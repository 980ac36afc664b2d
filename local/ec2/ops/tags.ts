/** CreateTags and DeleteTags on any resource, by ID prefix (unknown IDs fail the whole call first). */
import { parseTags, type QueryParams } from '../../protocol/query';
import type { XmlObject } from '../../protocol/xml';
import { missing } from '../errors';
import { deleteTags, setTags } from '../tagging';
import type { Ec2State } from '../state';

function resourcesOf(state: Ec2State, p: QueryParams) {
  const ids = p.list('ResourceId');
  if (ids.length === 0) throw missing('ResourceId');
  return ids.map((id) => state.requireResource(id));
}

export const tagOps = {
  CreateTags(state: Ec2State, p: QueryParams): XmlObject {
    const resources = resourcesOf(state, p);
    const tags = parseTags(p, 'Tag');
    if (tags.length === 0) throw missing('Tag');
    setTags(state, resources, tags);
    return { return: true };
  },

  DeleteTags(state: Ec2State, p: QueryParams): XmlObject {
    deleteTags(state, resourcesOf(state, p), parseTags(p, 'Tag'));
    return { return: true };
  },
};
