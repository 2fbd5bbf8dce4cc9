/**
 * The lab's Mattermost stand-in as a container, on Mattermost's port and listen variable
 * (MM_SERVICESETTINGS_LISTENADDRESS, default ":8065"), so it stands in for the
 * mattermost/mattermost-preview image where no registry can be reached.
 */
import { ChatService } from '../../lab/chat/chat-service.ts';
import { listenAddress, stopOnSignal } from './listen-address.ts';

const address = listenAddress(process.env.MM_SERVICESETTINGS_LISTENADDRESS, 8065);
const chat = await ChatService.start({ host: address.host, port: address.port });
console.log(`[lab chat] Mattermost REST v4 stand-in on ${address.host}:${chat.getPort()}`);
stopOnSignal(() => chat.stop());
